/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * Address spaces: one per component instance, created once at boot from the
 * spec. An address space holds its architecture's page tables, its capability
 * table and its spec, which says where each user range is backed; the
 * page-table pages come from the spec's static pool. Several threads may share
 * one address space. Nothing is created, changed or freed after boot.
 */
#ifndef KERNEL_VSPACE_H
#define KERNEL_VSPACE_H

#include <stddef.h>
#include <stdint.h>
#include <arch.h>
#include <kernel/spec.h>

struct vspace {
    struct arch_vspace arch;
    const struct cap *caps;      /* spec->caps and spec->ncaps, copied at boot: */
    uintptr_t ncaps;             /* one load fewer on every capability lookup */
    const struct spec_vspace *spec;
    uint8_t guest;               /* spec->guest: its thread is a vCPU */
    /* The supervisor's (kernel/supervisor.c), after everything the fast paths read. */
    uint16_t restart_max;        /* spec->restart_max, copied at boot (the unit tests change it) */
    uint16_t restarts;           /* restarts so far */
    uint8_t dead;                /* ended by an unhandled fault and not restarted */
};

extern struct vspace vspaces[];  /* one per spec_vspaces entry */

/* Create every address space of the spec: copy each component's segments from
 * its embedded image into its backing (zeroing the rest), map every segment
 * (devices and shared memory where they are) and grant its I/O-port ranges.
 * Boot only, before thread_create_all(); panics if the spec cannot be mapped. */
void vspace_create_all(void);

/* Put the component's memory back as it was at boot: every writable segment
 * of its own (not a device, not shared memory) re-copied from the embedded
 * image and the rest zeroed; read-only segments cannot have changed. Used by
 * the supervisor to restart a component; the mappings stay as they are. */
void vspace_reset(struct vspace *vs);

/* The user range [va, va+len) of `vs` as a kernel pointer, if it lies wholly
 * inside one segment that has every right in `rights` and is not a device;
 * NULL otherwise. `va` and `len` may be any user values. */
void *vspace_user_ptr(const struct vspace *vs, uintptr_t va, size_t len, unsigned rights);

/* A zeroed page-table page, or NULL when the pool is used up. Boot only; for
 * the architecture's arch_vspace_map(). */
struct pt_page *vspace_table_alloc(void);

#endif
