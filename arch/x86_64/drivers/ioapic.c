// SPDX-License-Identifier: BSD-2-Clause
/*
 * The IOAPIC: device interrupts, routed to the boot CPU's local APIC. Input n
 * is board interrupt n, at vector IRQ_VECTOR_BASE + n. Inputs 0-15 are the ISA
 * interrupts (edge-triggered, active high); 16 and up are PCI INTx lines
 * (level-triggered, active low). Every input starts masked; a level-triggered
 * one stays masked from its interrupt until the handler's irq_ack.
 */
#include <stdint.h>
#include <arch/cpu.h>
#include <arch/drivers.h>
#include <arch/layout.h>
#include <board_config.h>

#define IOREGSEL    0x00
#define IOWIN       0x10
#define REG_VERSION 0x01
#define REG_REDIR   0x10                /* two registers per input */
#define REDIR_ACTIVE_LOW (1u << 13)
#define REDIR_LEVEL      (1u << 14)
#define REDIR_MASKED     (1u << 16)
#define ISA_INPUTS  16

static unsigned inputs;

static void write_reg(unsigned reg, uint32_t v)
{
    mmio_write32(BOARD_IOAPIC_BASE + IOREGSEL, reg);
    mmio_write32(BOARD_IOAPIC_BASE + IOWIN, v);
}

static uint32_t read_reg(unsigned reg)
{
    mmio_write32(BOARD_IOAPIC_BASE + IOREGSEL, reg);
    return mmio_read32(BOARD_IOAPIC_BASE + IOWIN);
}

static uint32_t redirection(unsigned irq)
{
    uint32_t mode = irq < ISA_INPUTS ? 0 : REDIR_LEVEL | REDIR_ACTIVE_LOW;
    return (IRQ_VECTOR_BASE + irq) | mode;          /* fixed delivery, physical destination */
}

void irqc_init(void)
{
    uint32_t apic_id = lapic_read(0x20) >> 24;

    inputs = ((read_reg(REG_VERSION) >> 16) & 0xff) + 1;
    for (unsigned i = 0; i < inputs; i++) {
        write_reg(REG_REDIR + 2 * i + 1, apic_id << 24);
        write_reg(REG_REDIR + 2 * i, redirection(i) | REDIR_MASKED);
    }
}

void irqc_enable(unsigned irq)
{
    if (irq < inputs)
        write_reg(REG_REDIR + 2 * irq, redirection(irq));
}

void irqc_disable(unsigned irq)
{
    if (irq < inputs)
        write_reg(REG_REDIR + 2 * irq, redirection(irq) | REDIR_MASKED);
}
