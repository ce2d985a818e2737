/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * The guest's emulated devices behind one call: an MMIO exit's syndrome is
 * decoded into an access, which goes to the vGICD or the PL011 by its IPA,
 * and afterwards the interrupts the guest can take now are collected for the
 * VMM to inject. Pure C, no system calls: vmm.c does those, the host tests
 * drive this directly.
 */
#ifndef VMM_DEVICES_H
#define VMM_DEVICES_H

#include <stdbool.h>
#include <stdint.h>
#include <vmm/pl011.h>
#include <vmm/vgicd.h>

/* HSR fields of a stage-2 data abort with a valid syndrome (ISV = 1). */
#define HSR_EC(hsr) ((uint32_t)(hsr) >> 26)
#define HSR_ISV (1u << 24)
#define HSR_SAS(hsr) (((uint32_t)(hsr) >> 22) & 3u)  /* log2 of the access size */
#define HSR_SSE (1u << 21)                            /* sign-extend the value read */
#define HSR_SRT(hsr) (((uint32_t)(hsr) >> 16) & 15u) /* the register transferred */
#define HSR_WNR (1u << 6)                             /* a write */

struct mmio_access {
    uintptr_t ipa;
    uint32_t value;             /* written (already masked to the size by the kernel) */
    unsigned size;              /* 1, 2 or 4 bytes */
    unsigned reg;               /* the guest register (SRT): for reports only */
    bool write;
    bool sign_extend;           /* the kernel sign-extends the read value; for reports only */
};

/* The access of an FAULT_VCPU_MMIO exit: its HSR (MR2), IPA (MR1) and value (MR0). */
struct mmio_access mmio_decode(uint32_t hsr, uintptr_t ipa, uint32_t value);

struct vm_devices {
    struct vgicd gicd;
    struct pl011 uart;
    uintptr_t gicd_ipa;
    uintptr_t uart_ipa;         /* 0: no emulated UART */
    unsigned uart_irq;
};

/* Reset every device. `output` gets the characters the guest writes to its
 * UART. */
void devices_init(struct vm_devices *d, uintptr_t gicd_ipa, uintptr_t uart_ipa, unsigned uart_irq,
                  void (*output)(void *ctx, char c), void *ctx);

/* Perform access `a`; for a read, *value is what the guest reads. Returns
 * false, touching nothing, when no device is at the IPA. */
bool devices_access(struct vm_devices *d, const struct mmio_access *a, uint32_t *value);

/* After any access or input: raise the UART's interrupt while its line is
 * high (a level interrupt is re-injected as long as it stays high), then
 * take up to `max` interrupts the guest can take now into `out`, each to be
 * injected once. Returns how many. */
unsigned devices_interrupts(struct vm_devices *d, unsigned *out, unsigned max);

#endif
