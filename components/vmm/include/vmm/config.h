/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * What the generator tells the VMM about its virtual machine: where the
 * guest's RAM is (in the guest and in the VMM), where the images are and where
 * they go, and the capability slots the VMM uses. The generator writes the one
 * instance, `tessera_vm`, from the system's description (docs/virtualization.md).
 */
#ifndef VMM_CONFIG_H
#define VMM_CONFIG_H

#include <stddef.h>
#include <stdint.h>

struct tessera_vm_image {
    const uint8_t *data;        /* in the VMM: the read-only images region */
    size_t size;                /* 0: no such image (no initrd) */
    uintptr_t ipa;              /* where the loader puts it in the guest */
};

struct tessera_vm_config {
    const char *name;           /* the instance name, e.g. "vm0" */
    uintptr_t ram_ipa;          /* guest RAM: [ram_ipa, ram_ipa + ram_size) */
    size_t ram_size;
    uint8_t *ram;               /* the same RAM in the VMM (== (uint8_t *)ram_ipa) */
    struct tessera_vm_image kernel;     /* zImage; the vCPU starts at kernel.ipa */
    struct tessera_vm_image initrd;
    struct tessera_vm_image dtb;        /* generated, linux,initrd-* already filled in */
    uintptr_t gicd_ipa;         /* the emulated distributor (4 KiB, trapped) */
    uintptr_t uart_ipa;         /* the emulated PL011 (4 KiB, trapped); 0: none */
    unsigned uart_irq;          /* its INTID (33 on virt) */
    unsigned vcpu_cap;          /* THREAD, CONTROL: thread_resume, vcpu_inject */
    unsigned endpoint_cap;      /* RECEIVE: the vCPU's exits and console input */
    uint32_t vcpu_badge;        /* the badge the vCPU's exits carry */
    uint32_t console_badge;     /* notification bits that say "console input" */
    unsigned num_passthrough_irqs;
    const unsigned *passthrough_irqs;   /* INTIDs the kernel forwards (for the vGICD) */
};

extern const struct tessera_vm_config tessera_vm;

#endif
