// SPDX-License-Identifier: BSD-2-Clause
/*
 * The kernel tick from the Hyp physical timer (CNTHP), which no component or
 * guest can reach. The period comes from CNTFRQ, never from a constant: QEMU
 * runs the counter at 62.5 MHz and a real Raspberry Pi 2 at 19.2 MHz.
 */
#include <stdint.h>
#include <arch.h>
#include <arch/cpu.h>
#include <arch/drivers.h>
#include <board_config.h>
#include <kernel/budget.h>
#include <kernel/kernel.h>

/* The next tick and the period (fastpath.S's arm_fastpath_irq advances them
 * too). */
struct arm_tick arm_tick;

uint64_t arch_counter(void)
{
    isb();
    return read_cntpct();
}

uint32_t arch_counter_freq(void)
{
    return read_cntfrq();
}

void arch_timer_init(uint32_t hz)
{
    arm_tick.period = read_cntfrq() / hz;
    arm_tick.deadline = arch_counter() + arm_tick.period;
    write_cnthp_cval(arm_tick.deadline);
    write_cnthp_ctl(1);                 /* enabled, not masked */
    irqc_tick_claim(&arm_tick.irqc);
    irqc_enable(BOARD_TIMER_IRQ);
}

/* Budgets' events (kernel/budget.h): the compare value is the earlier of the
 * event and the next tick; the tick's own stays in `arm_tick.deadline`. */
void arch_timer_event(uint64_t when)
{
    write_cnthp_cval(when < arm_tick.deadline ? when : arm_tick.deadline);
}

void timer_handle_irq(void)
{
    uint64_t now = arch_counter();

    if (budgets_on() && now < arm_tick.deadline) {   /* an event before the tick (arch_timer_event) */
        write_cnthp_cval(arm_tick.deadline);
        isb();
        kernel_timer_event();
        return;
    }
    arm_tick.deadline += arm_tick.period;
    if (arm_tick.deadline <= now)                /* missed ticks: skip them, do not storm */
        arm_tick.deadline = now + arm_tick.period;
    write_cnthp_cval(arm_tick.deadline);
    isb();
    kernel_tick();
}
