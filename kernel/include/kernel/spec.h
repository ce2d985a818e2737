/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * The system spec: the static description of every address space and thread
 * that the kernel creates at boot. It is generated (templates/system_spec.c.j2)
 * from the system's .camkes description and the linked component images; the
 * kernel only reads it. Nothing here is allocated at run time.
 */
#ifndef KERNEL_SPEC_H
#define KERNEL_SPEC_H

#include <stddef.h>
#include <stdint.h>

/* Rights of a mapping (stage-2 permissions on ARM, PTE bits on x86_64). */
#define VSPACE_R      1u
#define VSPACE_W      2u
#define VSPACE_X      4u
#define VSPACE_DEVICE 8u

/* One page-table page: 512 eight-byte entries on both LPAE and x86_64. */
struct pt_page {
    uint64_t e[512];
} __attribute__((aligned(4096)));

/* A loadable piece of a component: [va, va+memsz), the first filesz bytes
 * copied from src at boot, the rest zeroed. Backed at mem + mem_offset. */
struct spec_segment {
    uintptr_t va;
    uint32_t memsz;
    uint32_t filesz;
    uint32_t mem_offset;
    uint32_t rights;
    const uint8_t *src;
};

struct spec_vspace {
    const char *name;            /* component instance name */
    uint16_t id;                 /* address-space tag (VMID / PCID) */
    const struct spec_segment *segments;
    unsigned nsegments;
    uint8_t *mem;                /* page-aligned physical backing */
    size_t mem_size;
};

struct spec_thread {
    const char *name;            /* "instance.thread" */
    unsigned vspace;             /* index into spec_vspaces */
    uintptr_t entry;
    uintptr_t stack_top;
    uintptr_t arg;
    uint8_t priority;
    uint8_t control;             /* a control thread: the system ends when all have */
};

extern const char spec_system_name[];
extern const struct spec_vspace spec_vspaces[];
extern const unsigned spec_nvspaces;
extern const struct spec_thread spec_threads[];
extern const unsigned spec_nthreads;
extern struct pt_page spec_pt_pool[];
extern const unsigned spec_pt_pool_size;

#endif
