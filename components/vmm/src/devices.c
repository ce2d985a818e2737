// SPDX-License-Identifier: BSD-2-Clause
/*
 * MMIO decoding and routing to the emulated devices (vmm/devices.h).
 */
#include <vmm/devices.h>

struct mmio_access mmio_decode(uint32_t hsr, uintptr_t ipa, uint32_t value)
{
    return (struct mmio_access){
        .ipa = ipa,
        .value = value,
        .size = 1u << HSR_SAS(hsr),     /* SAS 3 (doubleword) has no ISV syndrome on ARMv7 */
        .reg = HSR_SRT(hsr),
        .write = (hsr & HSR_WNR) != 0,
        .sign_extend = (hsr & HSR_SSE) != 0,
    };
}

void devices_init(struct vm_devices *d, uintptr_t gicd_ipa, uintptr_t uart_ipa, unsigned uart_irq,
                  void (*output)(void *ctx, char c), void *ctx)
{
    vgicd_init(&d->gicd);
    pl011_init(&d->uart, output, ctx);
    d->gicd_ipa = gicd_ipa;
    d->uart_ipa = uart_ipa;
    d->uart_irq = uart_irq;
}

static bool inside(uintptr_t ipa, uintptr_t base, uint32_t size)
{
    return ipa >= base && ipa - base < size;
}

bool devices_access(struct vm_devices *d, const struct mmio_access *a, uint32_t *value)
{
    *value = 0;
    if (inside(a->ipa, d->gicd_ipa, VGICD_SIZE)) {
        uint32_t offset = (uint32_t)(a->ipa - d->gicd_ipa);
        if (a->write)
            vgicd_write(&d->gicd, offset, a->size, a->value);
        else
            *value = vgicd_read(&d->gicd, offset, a->size);
        return true;
    }
    if (d->uart_ipa != 0 && inside(a->ipa, d->uart_ipa, PL011_SIZE)) {
        uint32_t offset = (uint32_t)(a->ipa - d->uart_ipa);
        if (a->write)
            pl011_write(&d->uart, offset, a->size, a->value);
        else
            *value = pl011_read(&d->uart, offset, a->size);
        return true;
    }
    return false;
}

unsigned devices_interrupts(struct vm_devices *d, unsigned *out, unsigned max)
{
    if (d->uart_ipa != 0 && pl011_irq_level(&d->uart))
        vgicd_raise(&d->gicd, d->uart_irq);
    return vgicd_take_injectable(&d->gicd, out, max);
}
