// SPDX-License-Identifier: BSD-2-Clause
/*
 * Time on x86_64: the TSC is the system counter (readable from user mode with
 * rdtsc), the local APIC timer gives the tick. Neither rate is architectural,
 * so both are measured at boot against the PIT's fixed 1.193182 MHz over
 * 10 ms. Under QEMU with -icount shift=0 both come out at 1 GHz, one per
 * instruction; without icount the TSC is the host's.
 *
 * The ticks are deadlines on the TSC, as the ARM tick is a compare value on its
 * counter: the local APIC timer runs one-shot to the next deadline, so the
 * tick keeps in step with the counter that thread timers are measured in (two
 * free-running clocks would drift apart). QEMU's TCG has no TSC-deadline mode
 * (docs/platform.md, "x86_64 PC"), hence the conversion to APIC timer counts.
 *
 * User mode learns the TSC rate from TSC_AUX, which rdtscp returns: the kernel
 * stores the rate there in kHz (tessera_counter_freq() in the runtime).
 */
#include <stdint.h>
#include <arch.h>
#include <arch/cpu.h>
#include <arch/drivers.h>
#include <arch/layout.h>
#include <board_config.h>
#include <kernel/console.h>
#include <kernel/budget.h>
#include <kernel/kernel.h>
#include <tessera/abi.h>

#define LAPIC_LVT_TIMER   0x320
#define LAPIC_TIMER_INIT  0x380
#define LAPIC_TIMER_CUR   0x390
#define LAPIC_TIMER_DIV   0x3e0
#define LVT_MASKED        (1u << 16)
#define DIVIDE_BY_1       0xb

#define PIT_HZ            1193182u
#define PIT_COUNT         (PIT_HZ / 100)        /* 10 ms */
#define PIT_POLLS_MAX     50000000u             /* far more than 10 ms of port reads */

/* The rates (below 2^32: arch.h's 32 bits, TSCs up to 4.29 GHz; 64-bit
 * fields so that irqfast.S multiplies and divides by them in memory) and the
 * tick, which the tick's fast path (irqfast.S) reads and advances too. */
struct x86_tick x86_tick;

/* PIT channel 2 (gate: port 0x61 bit 0, output: bit 5) in mode 0 counts
 * PIT_COUNT down once; the TSC and the local APIC timer run meanwhile. */
void timer_calibrate(void)
{
    struct cpuid ext = cpuid(0x80000001, 0);

    if (!(ext.edx & (1u << 27)))
        panic(EXIT_KERNEL_PANIC, "the CPU has no RDTSCP, which tells user mode the TSC rate "
              "(QEMU: -cpu max)");
    lapic_write(LAPIC_TIMER_DIV, DIVIDE_BY_1);
    lapic_write(LAPIC_LVT_TIMER, LVT_MASKED | TIMER_VECTOR);
    outb(0x61, (uint8_t)((inb(0x61) & ~0x02) | 0x01));
    outb(0x43, 0xb0);                   /* channel 2, low then high byte, mode 0 */
    outb(0x42, PIT_COUNT & 0xff);
    outb(0x42, PIT_COUNT >> 8);
    lapic_write(LAPIC_TIMER_INIT, 0xffffffffu);
    uint64_t start = rdtsc();
    for (uint32_t polls = 0; !(inb(0x61) & 0x20); polls++) {
        if (polls == PIT_POLLS_MAX)
            panic(EXIT_KERNEL_PANIC, "the PIT did not count: no time source to measure the TSC by");
    }
    uint64_t tsc = rdtsc() - start;
    uint32_t lapic = 0xffffffffu - lapic_read(LAPIC_TIMER_CUR);
    lapic_write(LAPIC_TIMER_INIT, 0);
    /* Rounded to 10 kHz, well inside the measurement's own error (a few
     * port reads in 10 ms); TSC_AUX holds kHz, and user and kernel agree. */
    uint64_t khz = (tsc * PIT_HZ / PIT_COUNT + 5000) / 10000 * 10;
    x86_tick.tsc_hz = (uint32_t)(khz * 1000);
    x86_tick.lapic_hz = (uint32_t)((uint64_t)lapic * PIT_HZ / PIT_COUNT);
    wrmsr(MSR_TSC_AUX, khz);
}

uint64_t arch_counter(void)
{
    return rdtsc();
}

uint32_t arch_counter_freq(void)
{
    return (uint32_t)x86_tick.tsc_hz;
}

/* One-shot to `when`, `now` being the TSC now; one count more than the
 * quotient, so that the rounding never makes the interrupt early. */
static void program_at(uint64_t when, uint64_t now)
{
    uint64_t count = when > now ? (when - now) * x86_tick.lapic_hz / x86_tick.tsc_hz + 1 : 0;

    lapic_write(LAPIC_TIMER_INIT, count == 0 ? 1 : count > 0xffffffffu ? 0xffffffffu : (uint32_t)count);
}

static void program(uint64_t now)
{
    program_at(x86_tick.deadline, now);
}

/* Budgets' events (kernel/budget.h): one-shot to the earlier of the event and
 * the next tick. */
void arch_timer_event(uint64_t when)
{
    program_at(when < x86_tick.deadline ? when : x86_tick.deadline, rdtsc());
}

void arch_timer_init(uint32_t hz)
{
    x86_tick.period = x86_tick.tsc_hz / hz;
    x86_tick.deadline = rdtsc() + x86_tick.period;
    lapic_write(LAPIC_TIMER_DIV, DIVIDE_BY_1);
    lapic_write(LAPIC_LVT_TIMER, LVT_MASKED | TIMER_VECTOR);   /* one-shot */
    program(rdtsc());
    arch_irq_enable(BOARD_TIMER_IRQ);
}

void timer_handle_irq(void)
{
    uint64_t now = rdtsc();

    if (now < x86_tick.deadline) {      /* an event (arch_timer_event), or early by the rates' rounding */
        program(now);
        kernel_timer_event();
        return;
    }
    x86_tick.deadline += x86_tick.period;
    if (x86_tick.deadline <= now)       /* missed ticks: skip them, do not storm */
        x86_tick.deadline = now + x86_tick.period;
    program(now);
    kernel_tick();
}
