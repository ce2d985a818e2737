// SPDX-License-Identifier: BSD-2-Clause
/*
 * The vCPU's list registers (arch/vgic.h). The GIC has few of them (4 on
 * QEMU's GICv2); what does not fit waits in a bitmap, and the underflow
 * maintenance interrupt (GICH_HCR.UIE) says when to move it in. A physical
 * interrupt forwarded to the guest carries the EOI bit, so that the guest's
 * EOI raises a maintenance interrupt and the kernel unmasks it again.
 */
#include <stdint.h>
#include <arch/drivers.h>
#include <arch/vgic.h>
#include <board_config.h>

#if BOARD_HAS_VIRTUALIZATION || defined(UNIT_TEST)

static int bit_test(const uint32_t *map, unsigned n)
{
    return (map[n / 32] >> (n % 32)) & 1u;
}

static void bit_set(uint32_t *map, unsigned n)
{
    map[n / 32] |= 1u << (n % 32);
}

static void bit_clear(uint32_t *map, unsigned n)
{
    map[n / 32] &= ~(1u << (n % 32));
}

static void hcr_update(struct vgic *v)
{
    v->hcr = GICH_HCR_EN | (v->npending != 0 ? GICH_HCR_UIE : 0);
    if (v->live)
        vgic_reg_write(GICH_HCR, v->hcr);
}

static int lr_holding(const struct vgic *v, unsigned virq)
{
    for (unsigned i = 0; i < v->lrs; i++) {
        uint32_t lr = vgic_reg_read(GICH_LR(i));
        if ((lr & LR_STATE) != 0 && (lr & LR_VIRQ) == virq)
            return (int)i;
    }
    return -1;
}

static int lr_free(const struct vgic *v)
{
    uint32_t empty = vgic_reg_read(GICH_ELSR0);

    for (unsigned i = 0; i < v->lrs; i++) {
        if (empty & (1u << i))
            return (int)i;
    }
    return -1;
}

void vgic_init(struct vgic *v)
{
    for (unsigned i = 0; i < v->lrs; i++)
        vgic_reg_write(GICH_LR(i), 0);
    vgic_reg_write(GICH_APR, 0);
    for (unsigned w = 0; w < 32; w++)
        v->pending[w] = v->forwarded[w] = 0;
    v->npending = 0;
    hcr_update(v);
}

void vgic_put(struct vgic *v, unsigned virq)
{
    int i = lr_holding(v, virq);

    if (i >= 0) {
        vgic_reg_write(GICH_LR(i), vgic_reg_read(GICH_LR(i)) | LR_PENDING);
        return;
    }
    if (bit_test(v->pending, virq))
        return;                         /* already waiting for a list register */
    i = lr_free(v);
    if (i < 0) {
        bit_set(v->pending, virq);
        v->npending++;
        hcr_update(v);
        return;
    }
    vgic_reg_write(GICH_LR(i), virq | LR_PRIORITY | LR_PENDING |
                               (bit_test(v->forwarded, virq) ? LR_EOI : 0));
}

void vgic_forward(struct vgic *v, unsigned irq)
{
    irqc_disable(irq);
    bit_set(v->forwarded, irq);
    vgic_put(v, irq);
}

void vgic_refill(struct vgic *v)
{
    for (unsigned w = 0; w < 32 && v->npending != 0; w++) {
        while (v->pending[w] != 0) {
            if (lr_free(v) < 0)
                goto out;
            unsigned virq = w * 32 + (unsigned)__builtin_ctz(v->pending[w]);
            bit_clear(v->pending, virq);
            v->npending--;
            vgic_put(v, virq);
        }
    }
out:
    hcr_update(v);
}

void vgic_maintenance(struct vgic *v)
{
    uint32_t eoied = vgic_reg_read(GICH_EISR0);

    for (unsigned i = 0; i < v->lrs; i++) {
        if (!(eoied & (1u << i)))
            continue;
        unsigned virq = vgic_reg_read(GICH_LR(i)) & LR_VIRQ;
        vgic_reg_write(GICH_LR(i), 0);
        if (bit_test(v->forwarded, virq)) {
            bit_clear(v->forwarded, virq);
            irqc_enable(virq);          /* the guest is done with it */
        }
    }
    vgic_refill(v);
}

int vgic_any_pending(const struct vgic *v)
{
    if (v->npending != 0)
        return 1;
    for (unsigned i = 0; i < v->lrs; i++) {
        if (vgic_reg_read(GICH_LR(i)) & LR_PENDING)
            return 1;
    }
    return 0;
}

void vgic_reset(struct vgic *v)
{
    for (unsigned w = 0; w < 32; w++) {
        while (v->forwarded[w] != 0) {
            unsigned irq = w * 32 + (unsigned)__builtin_ctz(v->forwarded[w]);
            bit_clear(v->forwarded, irq);
            irqc_enable(irq);
        }
    }
    vgic_init(v);
}

#endif
