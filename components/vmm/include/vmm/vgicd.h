/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * The emulated GICv2 distributor of a one-CPU guest. The guest's GICD page is
 * not mapped at stage 2, so every access arrives at the VMM as an MMIO exit
 * and is answered here; the CPU interface is the hardware's GICV, and a
 * pending interrupt reaches the guest through the kernel (vcpu_inject).
 *
 * The distributor keeps what the guest programs (enables, priorities,
 * targets, configuration) and the interrupts the VMM has raised but may not
 * inject yet, because the guest has not enabled them (or the distributor).
 * Pure C, no system calls: the host tests drive it directly.
 */
#ifndef VMM_VGICD_H
#define VMM_VGICD_H

#include <stdbool.h>
#include <stdint.h>

#define VGICD_NUM_IRQS 96               /* SGIs, PPIs and 64 SPIs (INTID 0..95) */
#define VGICD_WORDS (VGICD_NUM_IRQS / 32)
#define VGICD_SIZE 0x1000u              /* the distributor's register page */

/* Register offsets (GICv2 architecture). */
#define GICD_CTLR 0x000u
#define GICD_TYPER 0x004u
#define GICD_IIDR 0x008u
#define GICD_IGROUPR 0x080u
#define GICD_ISENABLER 0x100u
#define GICD_ICENABLER 0x180u
#define GICD_ISPENDR 0x200u
#define GICD_ICPENDR 0x280u
#define GICD_ISACTIVER 0x300u
#define GICD_ICACTIVER 0x380u
#define GICD_IPRIORITYR 0x400u
#define GICD_ITARGETSR 0x800u
#define GICD_ICFGR 0xc00u
#define GICD_SGIR 0xf00u
#define GICD_ID_BASE 0xfd0u             /* PIDR4..7, PIDR0..3, CIDR0..3 */

struct vgicd {
    uint32_t ctlr;                      /* bit 0: forward interrupts */
    uint32_t group[VGICD_WORDS];
    uint32_t enabled[VGICD_WORDS];
    uint32_t pending[VGICD_WORDS];      /* raised, not yet handed to the kernel */
    uint32_t config[VGICD_NUM_IRQS / 16];
    uint8_t priority[VGICD_NUM_IRQS];
    uint8_t target[VGICD_NUM_IRQS];
    unsigned sgi_writes;                /* SGIR writes ignored (one CPU: nobody to signal) */
};

/* The distributor as after reset: disabled, every interrupt disabled. */
void vgicd_init(struct vgicd *d);

/* A guest read of `size` bytes (1, 2 or 4) at `offset` into the page. Reserved
 * offsets and write-only registers read as zero. Returns the value, in the
 * low bits. */
uint32_t vgicd_read(const struct vgicd *d, uint32_t offset, unsigned size);

/* A guest write of `size` bytes at `offset`; the value is in the low bits.
 * Writes to reserved or read-only offsets are ignored. */
void vgicd_write(struct vgicd *d, uint32_t offset, unsigned size, uint32_t value);

/* The VMM's device asserts interrupt `irq` (an edge, or a level that is
 * high): it is remembered as pending until the guest can take it. */
void vgicd_raise(struct vgicd *d, unsigned irq);

/* Whether interrupt `irq` is pending here and the guest has enabled it and
 * the distributor, i.e. whether the VMM should inject it now. */
bool vgicd_pending_injectable(const struct vgicd *d, unsigned irq);

/* Take up to `max` injectable interrupts (lowest INTID first) into `out`,
 * clearing their pending state here: from now on they are the kernel's (the
 * caller injects each). Returns how many. Call after every event that can
 * raise or enable an interrupt. */
unsigned vgicd_take_injectable(struct vgicd *d, unsigned *out, unsigned max);

#endif
