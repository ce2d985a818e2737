// SPDX-License-Identifier: BSD-2-Clause
/*
 * The local APIC in xAPIC (MMIO) mode: QEMU's TCG has no x2APIC
 * (docs/platform.md, "x86_64 PC"). It receives the timer and, through the IOAPIC, device interrupts. The
 * legacy 8259 PICs are remapped out of the exception vectors and masked.
 */
#include <stdint.h>
#include <arch/cpu.h>
#include <arch/drivers.h>
#include <arch/layout.h>
#include <board_config.h>

#define LAPIC_TPR       0x080
#define LAPIC_EOI       0x0b0
#define LAPIC_SVR       0x0f0
#define LAPIC_LVT_TIMER 0x320
#define LAPIC_LVT_LINT0 0x350
#define LAPIC_LVT_ERROR 0x370
#define LVT_MASKED      (1u << 16)
#define SVR_ENABLE      (1u << 8)
#define APIC_BASE_ENABLE (1u << 11)

uint32_t lapic_read(unsigned reg)
{
    return mmio_read32(BOARD_LAPIC_BASE + reg);
}

void lapic_write(unsigned reg, uint32_t v)
{
    mmio_write32(BOARD_LAPIC_BASE + reg, v);
}

/* ICW1-4: edge, cascaded, vectors PIC_VECTOR_BASE.., then mask every line. */
static void pic_disable(void)
{
    outb(0x20, 0x11);
    outb(0xa0, 0x11);
    outb(0x21, PIC_VECTOR_BASE);
    outb(0xa1, PIC_VECTOR_BASE + 8);
    outb(0x21, 4);
    outb(0xa1, 2);
    outb(0x21, 1);
    outb(0xa1, 1);
    outb(0x21, 0xff);
    outb(0xa1, 0xff);
}

void lapic_init(void)
{
    pic_disable();
    wrmsr(MSR_APIC_BASE, (rdmsr(MSR_APIC_BASE) & ~0xfffff000ull) | BOARD_LAPIC_BASE | APIC_BASE_ENABLE);
    lapic_write(LAPIC_TPR, 0);
    lapic_write(LAPIC_LVT_LINT0, LVT_MASKED);
    lapic_write(LAPIC_LVT_ERROR, LVT_MASKED);
    lapic_write(LAPIC_SVR, SVR_ENABLE | SPURIOUS_VECTOR);
}

void lapic_eoi(void)
{
    lapic_write(LAPIC_EOI, 0);
}

void lapic_timer_mask(int masked)
{
    uint32_t lvt = lapic_read(LAPIC_LVT_TIMER);

    lapic_write(LAPIC_LVT_TIMER, masked ? lvt | LVT_MASKED : lvt & ~LVT_MASKED);
}
