/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * The system spec: the static description of every kernel object that the
 * kernel creates at boot: address spaces, threads, endpoints, notifications,
 * interrupts, and each address space's capability table. It is generated
 * (templates/system_spec.c.j2) from the system's description and the linked
 * component images; the kernel only reads it. Nothing here is allocated at run
 * time.
 */
#ifndef KERNEL_SPEC_H
#define KERNEL_SPEC_H

#include <stddef.h>
#include <stdint.h>
#include <tessera/abi.h>        /* VSPACE_* (the rights of a segment), LAYOUT_* */

/* "No object" in the optional object indices below. */
#define SPEC_NONE 0xffffu

/* spec_vspace.restart_max for a component restarted after every unhandled
 * fault (restart = "always"); 0 is never, N at most N times. */
#define SPEC_RESTART_ALWAYS 0xffffu

/* One page-table page: 512 eight-byte entries on both LPAE and x86_64. */
struct pt_page {
    uint64_t e[512];
} __attribute__((aligned(4096)));

/* A loadable piece of a component: [va, va+memsz), the first filesz bytes
 * copied from src at boot, the rest zeroed. Backed at mem + mem_offset, or at
 * the physical address `pa` when the segment is a device (VSPACE_DEVICE) or
 * shared memory (VSPACE_SHARED); kernel/api.yaml's `mapping_rights` says what
 * each right means. */
struct spec_segment {
    uintptr_t va;
    uint32_t memsz;
    uint32_t filesz;
    uint32_t mem_offset;
    uint32_t rights;
    const uint8_t *src;
    uintptr_t pa;
};

/* A capability: an object reference plus rights and a badge. Capabilities are
 * fixed by the spec; no system call creates, copies or deletes one. */
struct cap {
    uint8_t type;                /* OBJ_* */
    uint8_t rights;              /* RIGHT_* */
    uint16_t object;             /* index into the kernel's array of that type */
    uint32_t badge;              /* delivered to the receiver (endpoint) or OR-ed in (notification) */
};

/* A range of I/O ports [first, last] that an address space may reach with the
 * x86 `in`/`out` instructions (seL4HardwareIOPort). Only x86_64 has I/O ports:
 * the generator gives an address space on ARM none. */
struct spec_ioport {
    uint16_t first;
    uint16_t last;
};

struct spec_vspace {
    const char *name;            /* component instance name */
    uint16_t id;                 /* address-space tag (VMID / PCID) */
    const struct spec_segment *segments;
    unsigned nsegments;
    uint8_t *mem;                /* page-aligned physical backing */
    size_t mem_size;
    const struct cap *caps;      /* the flat capability table */
    unsigned ncaps;
    const struct spec_ioport *ioports;  /* NULL when nioports is 0 */
    unsigned nioports;
    uint8_t guest;               /* a virtual machine's: its one thread is a vCPU (ARM) */
    uint16_t restart_max;        /* restart policy (kernel/supervisor.c): 0, N or SPEC_RESTART_ALWAYS */
    uint8_t cycle_counter;       /* its threads may read the cycle counter (description: cycle_counter) */
};

struct spec_thread {
    const char *name;            /* "instance.thread" */
    unsigned vspace;             /* index into spec_vspaces */
    uintptr_t entry;
    uintptr_t stack_top;
    uintptr_t arg;
    uintptr_t ipc_buffer;        /* user address of its IPC buffer page */
    uint8_t priority;
    uint8_t control;             /* a control thread: the system ends when all have */
    uint16_t timeslice_ticks;
    uint16_t fault_endpoint;     /* SPEC_NONE: faults stop the thread with a report */
    uint32_t fault_badge;
    uint16_t bound_notification; /* SPEC_NONE or a notification recv also returns */
    uint16_t timer_notification; /* SPEC_NONE or the notification its timer signals */
    uint32_t timer_badge;
    uint32_t budget_us;          /* execution time per period (0: no budget; docs/realtime.md) */
    uint32_t period_us;          /* its replenishment period */
};

struct spec_irq {
    unsigned number;             /* the board's interrupt number */
    uint16_t notification;
    uint32_t badge;
    uint16_t vcpu;               /* SPEC_NONE, or the vCPU thread it is forwarded to (same INTID) */
};

/* Who reads what the user types on the console (console_read), and the
 * notification the kernel signals when bytes arrive. vspace is SPEC_NONE
 * when nobody does. */
struct spec_console_input {
    uint16_t vspace;
    uint16_t notification;
    uint32_t badge;
};

extern const char spec_system_name[];
extern const struct spec_vspace spec_vspaces[];
extern const unsigned spec_nvspaces;
extern const struct spec_thread spec_threads[];
extern const unsigned spec_nthreads;
extern const struct spec_irq spec_irqs[];
extern const unsigned spec_nirqs;
extern const struct spec_console_input spec_console_input;
extern const unsigned spec_nendpoints;
extern const unsigned spec_nnotifications;
extern struct pt_page spec_pt_pool[];
extern const unsigned spec_pt_pool_size;

#endif
