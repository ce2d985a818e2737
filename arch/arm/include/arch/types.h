/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * ARMv7-A types visible to the generic kernel: the saved user context (the
 * layout the trap entry in vectors.S writes) and an address space's stage-2
 * root.
 */
#ifndef ARCH_TYPES_H
#define ARCH_TYPES_H

#include <stdint.h>

/* Order is fixed by vectors.S: r0-r12, then sp_usr, pc, cpsr, lr_usr. */
struct arch_context {
    uint32_t r[13];
    uint32_t sp;
    uint32_t pc;
    uint32_t cpsr;
    uint32_t lr;                /* last: the trap entry stores it with sp, pc, cpsr */
};

/* An LPAE stage-2 address space: the VTTBR value that selects it and the
 * PMUSERENR value of its threads (its cycle-counter grant), first and side by
 * side so that the IPC fast paths load both with one ldm; then its 4-entry
 * level-1 table (32-byte aligned, as VTCR.T0SZ = 0 and SL0 = 1 require). */
struct arch_vspace {
    uint64_t vttbr;
    uint32_t pmuserenr;
    uint64_t l1[4] __attribute__((aligned(32)));
};

#endif
