/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * The GICv2 list registers of the one vCPU (vgic.c): which virtual interrupts
 * are pending in the guest, the overflow when every list register is in use,
 * and the physical interrupts forwarded to the guest, masked until it EOIs
 * them. Pure logic over the GICH registers, so that the host unit tests
 * (tests/unit/test_vgic.c) can run it against a model of them.
 */
#ifndef ARCH_VGIC_H
#define ARCH_VGIC_H

#include <stdint.h>

#define GICH_HCR     0x000
#define GICH_VTR     0x004
#define GICH_VMCR    0x008
#define GICH_EISR0   0x020
#define GICH_ELSR0   0x030
#define GICH_APR     0x0f0
#define GICH_LR(n)   (0x100 + 4 * (n))
#define GICH_HCR_EN  (1u << 0)
#define GICH_HCR_UIE (1u << 1)          /* maintenance interrupt when at most one LR is in use */
#define LR_PENDING   (1u << 28)
#define LR_ACTIVE    (1u << 29)
#define LR_STATE     (3u << 28)
#define LR_EOI       (1u << 19)         /* maintenance interrupt when the guest EOIs it */
#define LR_PRIORITY  ((0xa0u >> 3) << 23)
#define LR_VIRQ      0x3ffu

struct vgic {
    unsigned lrs;                /* list registers the GIC has (at most 32) */
    uint32_t hcr;                /* GICH_HCR's value while the guest runs */
    int live;                    /* the guest's world is on the hardware: write GICH_HCR now */
    unsigned npending;
    uint32_t pending[32];        /* injected, waiting for a free list register */
    uint32_t forwarded[32];      /* physical interrupts masked until the guest's EOI */
};

/* GICH register access: MMIO on target, a model in the unit tests. */
uint32_t vgic_reg_read(unsigned off);
void vgic_reg_write(unsigned off, uint32_t v);

/* Empty list registers, nothing pending, the interface enabled. */
void vgic_init(struct vgic *v);

/* Make `virq` pending in the guest: one already pending stays one, an active
 * one becomes active and pending. */
void vgic_put(struct vgic *v, unsigned virq);

/* A physical interrupt that belongs to the guest: masked at the distributor
 * (irqc_disable) and made pending, with an EOI maintenance request. */
void vgic_forward(struct vgic *v, unsigned irq);

/* The maintenance interrupt: list registers the guest EOIed are emptied (a
 * forwarded interrupt is unmasked again) and refilled from the overflow. */
void vgic_maintenance(struct vgic *v);

/* Move overflow into free list registers; rewrite GICH_HCR. */
void vgic_refill(struct vgic *v);

/* Some virtual interrupt is pending (WFI does not wait). */
int vgic_any_pending(const struct vgic *v);

/* Back to vgic_init's state; forwarded interrupts are unmasked. */
void vgic_reset(struct vgic *v);

#endif
