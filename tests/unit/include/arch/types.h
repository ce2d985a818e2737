/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * The fake architecture's types for the host unit tests (tests/unit): a user
 * context that is just the registers the generic kernel touches, and an
 * address space that records what was mapped so that tests can check it.
 */
#ifndef ARCH_TYPES_H
#define ARCH_TYPES_H

#include <stddef.h>
#include <stdint.h>

/* r0-r6 follow the system-call convention of kernel/api.yaml (r0 = cap or
 * error, r1 = message info, r2-r5 = MR0-MR3, r6 = badge); r7 = call number. */
struct arch_context {
    uintptr_t r[8];
    uintptr_t pc, sp;
    unsigned restarts;           /* arch_syscall_restart() calls */
};

#define FAKE_MAX_MAPPINGS 8

struct fake_mapping {
    uintptr_t va, pa;
    size_t size;
    unsigned rights;
};

struct arch_vspace {
    uint16_t id;
    unsigned nmaps;
    struct fake_mapping maps[FAKE_MAX_MAPPINGS];
    unsigned nports;             /* arch_vspace_allow_ports() ranges, in order */
    uint16_t ports[FAKE_MAX_MAPPINGS][2];
};

#endif
