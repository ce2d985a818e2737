// SPDX-License-Identifier: BSD-2-Clause
/*
 * The Raspberry Pi 2 interrupt controllers: the BCM2836 per-core local
 * controller (the generic timers, mailboxes, and the GPU line) in front of the
 * BCM2835 ARM controller (peripheral interrupts). Interrupt numbers, as
 * boards/raspi2b/board.yaml documents them: 0-3 the core's timers (CNTPS,
 * CNTPNS, CNTHP, CNTV), 32-95 the BCM2835 "GPU" interrupts 0-63.
 * Only core 0 runs the kernel.
 */
#include <stdint.h>
#include <arch/cpu.h>
#include <arch/drivers.h>
#include <board_config.h>

#define LOCAL_GPU_ROUTING   0x0c
#define LOCAL_TIMER_CTL0    0x40        /* core 0 timer interrupt control */
#define LOCAL_IRQ_SOURCE0   0x60        /* core 0 interrupt source */
#define SOURCE_GPU          (1u << 8)

#define ARM_PENDING1        0x04
#define ARM_PENDING2        0x08
#define ARM_ENABLE1         0x10
#define ARM_ENABLE2         0x14
#define ARM_DISABLE1        0x1c
#define ARM_DISABLE2        0x20
#define ARM_DISABLE_BASIC   0x24

#define GPU_IRQ_BASE        32

void irqc_init(void)
{
    mmio_write32(BOARD_ARM_BASE + ARM_DISABLE1, 0xffffffffu);
    mmio_write32(BOARD_ARM_BASE + ARM_DISABLE2, 0xffffffffu);
    mmio_write32(BOARD_ARM_BASE + ARM_DISABLE_BASIC, 0xffffffffu);
    mmio_write32(BOARD_LOCAL_BASE + LOCAL_TIMER_CTL0, 0);
    mmio_write32(BOARD_LOCAL_BASE + LOCAL_GPU_ROUTING, 0);     /* GPU interrupts to core 0 */
}

void irqc_enable(unsigned irq)
{
    if (irq < 4) {
        uintptr_t ctl = BOARD_LOCAL_BASE + LOCAL_TIMER_CTL0;
        mmio_write32(ctl, mmio_read32(ctl) | (1u << irq));
    } else if (irq >= GPU_IRQ_BASE && irq < GPU_IRQ_BASE + 32) {
        mmio_write32(BOARD_ARM_BASE + ARM_ENABLE1, 1u << (irq - GPU_IRQ_BASE));
    } else if (irq >= GPU_IRQ_BASE + 32 && irq < GPU_IRQ_BASE + 64) {
        mmio_write32(BOARD_ARM_BASE + ARM_ENABLE2, 1u << (irq - GPU_IRQ_BASE - 32));
    }
}

void irqc_disable(unsigned irq)
{
    if (irq < 4) {
        uintptr_t ctl = BOARD_LOCAL_BASE + LOCAL_TIMER_CTL0;
        mmio_write32(ctl, mmio_read32(ctl) & ~(1u << irq));
    } else if (irq >= GPU_IRQ_BASE && irq < GPU_IRQ_BASE + 32) {
        mmio_write32(BOARD_ARM_BASE + ARM_DISABLE1, 1u << (irq - GPU_IRQ_BASE));
    } else if (irq >= GPU_IRQ_BASE + 32 && irq < GPU_IRQ_BASE + 64) {
        mmio_write32(BOARD_ARM_BASE + ARM_DISABLE2, 1u << (irq - GPU_IRQ_BASE - 32));
    }
}

int irqc_claim(void)
{
    uint32_t source = mmio_read32(BOARD_LOCAL_BASE + LOCAL_IRQ_SOURCE0);

    if (source & 0xf)
        return __builtin_ctz(source & 0xf);
    if (!(source & SOURCE_GPU))
        return -1;
    uint32_t p1 = mmio_read32(BOARD_ARM_BASE + ARM_PENDING1);
    if (p1 != 0)
        return GPU_IRQ_BASE + __builtin_ctz(p1);
    uint32_t p2 = mmio_read32(BOARD_ARM_BASE + ARM_PENDING2);
    if (p2 != 0)
        return GPU_IRQ_BASE + 32 + __builtin_ctz(p2);
    return -1;
}

void irqc_complete(unsigned irq)
{
    (void)irq;          /* level-triggered: the source clears when its device is serviced */
}

/* The tick's fast path reads the core's interrupt sources (no side effect):
 * the tick's when the lowest of the timer bits is the Hyp timer's, as
 * irqc_claim() would pick it. Nothing to complete: the store goes to a
 * word of the kernel's. */
static uint32_t complete_sink;

void irqc_tick_claim(struct irqc_tick_claim *c)
{
    _Static_assert(BOARD_TIMER_IRQ < 4, "the tick is one of the core's timers");
    c->claim = BOARD_LOCAL_BASE + LOCAL_IRQ_SOURCE0;
    c->mask = (2u << BOARD_TIMER_IRQ) - 1;
    c->match = 1u << BOARD_TIMER_IRQ;
    c->complete = (uintptr_t)&complete_sink;
}

int irqc_claimed(uint32_t raw)
{
    (void)raw;
    return irqc_claim();                /* reading the sources claims nothing */
}
