// SPDX-License-Identifier: BSD-2-Clause
/*
 * The VM-exit benchmark guest. It measures, with the virtual counter, three
 * costs a guest pays under Tessera, and prints them on its (emulated) PL011:
 *
 *   hvc   a PSCI_VERSION call: guest -> kernel -> VMM -> kernel -> guest;
 *   mmio  a read of the emulated distributor's GICD_TYPER, the same path with
 *         the access decoded and the register written back;
 *   virq  from the virtual timer's deadline to the first instruction of the
 *         guest's interrupt handler: the physical interrupt taken by the
 *         kernel, forwarded through a list register, and the guest's IRQ
 *         exception.
 *
 * Under QEMU's -icount shift=0 one instruction takes 1 ns of virtual time, so
 * the figures, printed in nanoseconds, are instruction counts (averaged over
 * many repetitions: the counter ticks every 16 ns at 62.5 MHz).
 * The line it prints is read by `tessera profile`:
 *   vmexit: hvc_ns=H mmio_ns=M virq_ns=V virq_max_ns=W
 * then it powers the VM off through PSCI SYSTEM_OFF.
 */
#include <stdint.h>

#define UART_DR        0x09000000u
#define GICD_BASE      0x08000000u
#define GICC_BASE      0x08010000u
#define GICD_CTLR      0x000
#define GICD_TYPER     0x004
#define GICD_ISENABLER 0x100
#define GICC_CTLR      0x000
#define GICC_PMR       0x004
#define GICC_IAR       0x00c
#define GICC_EOIR      0x010
#define VTIMER_INTID   27u
#define PSCI_VERSION   0x84000000u
#define PSCI_SYSTEM_OFF 0x84000008u

#define ROUNDS 1000u
#define IRQ_ROUNDS 100u

static inline void w32(uint32_t a, uint32_t v) { *(volatile uint32_t *)a = v; }
static inline uint32_t r32(uint32_t a) { return *(volatile uint32_t *)a; }

static inline uint64_t cntvct(void)
{
    uint32_t lo, hi;
    __asm__ volatile("isb; mrrc p15, 1, %0, %1, c14" : "=r"(lo), "=r"(hi) :: "memory");
    return ((uint64_t)hi << 32) | lo;
}

static inline uint32_t cntfrq(void)
{
    uint32_t v;
    __asm__ volatile("mrc p15, 0, %0, c14, c0, 0" : "=r"(v));
    return v;
}

static uint32_t hvc(uint32_t fn)
{
    register uint32_t r0 __asm__("r0") = fn;
    __asm__ volatile("hvc #0" : "+r"(r0) :: "r1", "r2", "r3", "memory");
    return r0;
}

static void putc_(char c)
{
    w32(UART_DR, (uint8_t)c);
}

static void puts_(const char *s)
{
    while (*s)
        putc_(*s++);
}

static void putu(uint32_t v)
{
    char b[12];
    int n = 0;
    do {
        b[n++] = (char)('0' + v % 10);
        v /= 10;
    } while (v != 0);
    while (n > 0)
        putc_(b[--n]);
}

static uint32_t ns_per_tick_x16;        /* nanoseconds per counter tick, times 16 */

static uint32_t ticks_to_ns(uint64_t ticks, uint32_t rounds)
{
    return (uint32_t)(ticks * ns_per_tick_x16 / 16u / rounds);
}

static volatile uint64_t irq_deadline;
static volatile uint64_t irq_latency_sum, irq_latency_max;
static volatile uint32_t irqs;

void bench_irq(void)
{
    uint64_t now = cntvct();
    uint32_t iar = r32(GICC_BASE + GICC_IAR);

    if ((iar & 0x3ffu) == VTIMER_INTID) {
        uint64_t late = now - irq_deadline;
        irq_latency_sum += late;
        if (late > irq_latency_max)
            irq_latency_max = late;
        irqs++;
        __asm__ volatile("mcr p15, 0, %0, c14, c3, 1" :: "r"(0u));     /* CNTV_CTL: off */
    }
    w32(GICC_BASE + GICC_EOIR, iar);
}

static void arm_vtimer(uint64_t at)
{
    irq_deadline = at;
    __asm__ volatile("mcrr p15, 3, %0, %1, c14" :: "r"((uint32_t)at), "r"((uint32_t)(at >> 32)));
    __asm__ volatile("mcr p15, 0, %0, c14, c3, 1; isb" :: "r"(1u));   /* CNTV_CTL: enable */
}

void bench_main(void)
{
    uint64_t t0, t1;
    uint32_t hvc_ns, mmio_ns;

    ns_per_tick_x16 = (uint32_t)(16000000000ull / cntfrq());

    (void)hvc(PSCI_VERSION);                    /* warm up */
    t0 = cntvct();
    for (uint32_t i = 0; i < ROUNDS; i++)
        (void)hvc(PSCI_VERSION);
    t1 = cntvct();
    hvc_ns = ticks_to_ns(t1 - t0, ROUNDS);

    t0 = cntvct();
    for (uint32_t i = 0; i < ROUNDS; i++)
        (void)r32(GICD_BASE + GICD_TYPER);
    t1 = cntvct();
    mmio_ns = ticks_to_ns(t1 - t0, ROUNDS);

    w32(GICD_BASE + GICD_ISENABLER, 1u << VTIMER_INTID);
    w32(GICD_BASE + GICD_CTLR, 1);
    w32(GICC_BASE + GICC_PMR, 0xff);
    w32(GICC_BASE + GICC_CTLR, 1);
    __asm__ volatile("cpsie i");
    for (uint32_t i = 0; i < IRQ_ROUNDS; i++) {
        uint32_t before = irqs;
        arm_vtimer(cntvct() + 2000);            /* 32 us ahead at 62.5 MHz */
        while (irqs == before)
            __asm__ volatile("wfi");
    }
    __asm__ volatile("cpsid i");

    puts_("vmexit: hvc_ns=");
    putu(hvc_ns);
    puts_(" mmio_ns=");
    putu(mmio_ns);
    puts_(" virq_ns=");
    putu(ticks_to_ns(irq_latency_sum, IRQ_ROUNDS));
    puts_(" virq_max_ns=");
    putu(ticks_to_ns(irq_latency_max, 1));
    puts_("\n");
    (void)hvc(PSCI_SYSTEM_OFF);
}
