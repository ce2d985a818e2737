/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * x86_64 types visible to the generic kernel: the saved user context (the
 * layout entry.S writes) and an address space's top-level page tables.
 */
#ifndef ARCH_TYPES_H
#define ARCH_TYPES_H

#include <stdint.h>

struct cap;

/* The I/O ports an address space can be granted (seL4HardwareIOPort): 0-0x3ff,
 * the legacy ISA range, so that the TSS's bitmap stays 128 bytes. */
#define X86_IOMAP_PORTS 0x400

/*
 * A user thread's registers, lowest address first. The tail from `error` to
 * `ss` is the hardware's interrupt frame: while the thread runs, TSS.RSP0
 * points just past `ss`, so an interrupt or exception from ring 3 pushes its
 * frame straight into the thread, and entry.S pushes the rest below it. The
 * SYSCALL entry builds the same frame by hand. `vector` says how the context
 * was saved (VECTOR_SYSCALL: through SYSCALL, so it may leave by SYSRET).
 * `fpu` is the FXSAVE image of the x87/SSE state, switched with the thread
 * once it has used the FPU (`fpu_used`). The fields after it are the
 * thread's copies of what the fast paths (fastpath.S) would otherwise load
 * through its address space, made by arch_context_init(): whether it holds
 * I/O ports (next to `fpu_used`, so that one compare tests both), its
 * capability table and size (the size 0 when it holds I/O ports, so that no
 * fast path starts from it) and its CR3.
 */
struct arch_context {
    uint64_t r15, r14, r13, r12, r11, r10, r9, r8;
    uint64_t rbp, rdi, rsi, rdx, rcx, rbx, rax;
    uint64_t vector;
    uint64_t error;
    uint64_t rip, cs, rflags, rsp, ss;
    uint8_t fpu[512] __attribute__((aligned(16)));
    uint8_t fpu_used;                   /* it has run an x87 or SSE instruction (vspace.c) */
    uint8_t has_ports;                  /* its address space holds I/O ports */
    const struct cap *caps;
    uint64_t ncaps;                     /* 0 when has_ports */
    uint64_t cr3;
} __attribute__((aligned(16)));

/*
 * An address space: its own PML4 and the PDPT of the user half's first
 * 512 GiB (PML4 entry 0, where every component lives), both page aligned;
 * page directories and page tables come from the spec's pool. PML4 entry 511
 * is the kernel's, shared by every address space and supervisor-only. `cr3`
 * is the value that selects it: the PML4's physical address, plus the
 * address space's PCID when the CPU has PCIDs. `iomap` is its I/O permission
 * bitmap, copied into the TSS when the address space changes.
 */
struct arch_vspace {
    uint64_t pml4[512] __attribute__((aligned(4096)));
    uint64_t pdpt[512] __attribute__((aligned(4096)));
    uint64_t cr3;
    uint8_t has_ports;                  /* any bit of iomap clear */
    uint8_t iomap[X86_IOMAP_PORTS / 8]; /* I/O permission bitmap: a clear bit grants the port */
};

#endif
