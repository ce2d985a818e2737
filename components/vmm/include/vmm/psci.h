/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * PSCI 1.0 for a one-CPU guest, reached by `hvc` (the guest DTB's method) or
 * `smc`: just enough for Linux to probe it, power off and reset. The guest
 * sees SMCCC 1.0 (SMCCC_VERSION is not supported), so Linux asks nothing
 * more (no Spectre workaround calls, no hypervisor UID query).
 * Pure C, no system calls: psci_call() says what to do, the VMM does it.
 */
#ifndef VMM_PSCI_H
#define VMM_PSCI_H

#include <stdint.h>

/* Function IDs (SMC32 calling convention). */
#define PSCI_VERSION 0x84000000u
#define PSCI_CPU_SUSPEND 0x84000001u
#define PSCI_CPU_OFF 0x84000002u
#define PSCI_CPU_ON 0x84000003u
#define PSCI_MIGRATE_INFO_TYPE 0x84000006u
#define PSCI_SYSTEM_OFF 0x84000008u
#define PSCI_SYSTEM_RESET 0x84000009u
#define PSCI_FEATURES 0x8400000au
#define PSCI_SYSTEM_SUSPEND 0x8400000eu
#define PSCI_SYSTEM_RESET2 0x84000012u
#define SMCCC_VERSION 0x80000000u

/* Return codes and values. */
#define PSCI_SUCCESS 0
#define PSCI_NOT_SUPPORTED (-1)
#define PSCI_VERSION_1_0 0x10000
#define PSCI_MIGRATE_NOT_PRESENT 2      /* no Trusted OS: nothing to migrate */

enum psci_action {
    PSCI_ACTION_REPLY,                  /* resume the guest with r0 = result */
    PSCI_ACTION_POWER_OFF,              /* SYSTEM_OFF: the guest is done */
    PSCI_ACTION_RESET,                  /* SYSTEM_RESET: reload and restart the vCPU */
};

struct psci_result {
    enum psci_action action;
    int32_t r0;                         /* for PSCI_ACTION_REPLY */
};

/* Answer the guest's call `function` (its r0) with argument `arg` (its r1).
 * Every function not listed in the header's comment is NOT_SUPPORTED. */
struct psci_result psci_call(uint32_t function, uint32_t arg);

#endif
