// SPDX-License-Identifier: BSD-2-Clause
/*
 * GICv2 distributor and CPU interface. Interrupt numbers are GIC INTIDs
 * (PPI 10, the Hyp timer, is INTID 26; SPIs start at 32).
 */
#include <stdint.h>
#include <arch/cpu.h>
#include <arch/drivers.h>
#include <board_config.h>

#define GICD_CTLR       0x000
#define GICD_TYPER      0x004
#define GICD_ISENABLER  0x100
#define GICD_ICENABLER  0x180
#define GICD_IPRIORITYR 0x400
#define GICD_ITARGETSR  0x800
#define GICC_CTLR       0x000
#define GICC_PMR        0x004
#define GICC_IAR        0x00c
#define GICC_EOIR       0x010
#define SPURIOUS        1023

void irqc_init(void)
{
    unsigned lines = ((mmio_read32(BOARD_GICD_BASE + GICD_TYPER) & 0x1f) + 1) * 32;

    mmio_write32(BOARD_GICD_BASE + GICD_CTLR, 0);
    for (unsigned i = 0; i < lines; i += 32)
        mmio_write32(BOARD_GICD_BASE + GICD_ICENABLER + i / 8, 0xffffffffu);
    for (unsigned i = 0; i < lines; i += 4)
        mmio_write32(BOARD_GICD_BASE + GICD_IPRIORITYR + i, 0xa0a0a0a0u);
    for (unsigned i = 32; i < lines; i += 4)
        mmio_write32(BOARD_GICD_BASE + GICD_ITARGETSR + i, 0x01010101u);
    mmio_write32(BOARD_GICD_BASE + GICD_CTLR, 1);
    mmio_write32(BOARD_GICC_BASE + GICC_PMR, 0xf0);
    mmio_write32(BOARD_GICC_BASE + GICC_CTLR, 1);
}

void irqc_enable(unsigned irq)
{
    mmio_write32(BOARD_GICD_BASE + GICD_ISENABLER + (irq / 32) * 4, 1u << (irq % 32));
}

void irqc_disable(unsigned irq)
{
    mmio_write32(BOARD_GICD_BASE + GICD_ICENABLER + (irq / 32) * 4, 1u << (irq % 32));
}

int irqc_claim(void)
{
    uint32_t iar = mmio_read32(BOARD_GICC_BASE + GICC_IAR) & 0x3ff;

    return iar == SPURIOUS ? -1 : (int)iar;
}

void irqc_complete(unsigned irq)
{
    mmio_write32(BOARD_GICC_BASE + GICC_EOIR, irq);
}

/* The tick's fast path reads GICC_IAR (a claim) and writes what it read to
 * GICC_EOIR; an IAR of exactly the timer's INTID (CPU ID bits 0: a PPI). */
void irqc_tick_claim(struct irqc_tick_claim *c)
{
    c->claim = BOARD_GICC_BASE + GICC_IAR;
    c->mask = 0xffffffffu;
    c->match = BOARD_TIMER_IRQ;
    c->complete = BOARD_GICC_BASE + GICC_EOIR;
}

int irqc_claimed(uint32_t raw)
{
    raw &= 0x3ff;
    return raw == SPURIOUS ? -1 : (int)raw;
}
