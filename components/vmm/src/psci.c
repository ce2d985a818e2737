// SPDX-License-Identifier: BSD-2-Clause
/*
 * PSCI 1.0 (vmm/psci.h): VERSION, FEATURES, MIGRATE_INFO_TYPE, SYSTEM_OFF and
 * SYSTEM_RESET. Linux 6.1's psci_probe() asks VERSION, MIGRATE_INFO_TYPE and
 * then, because the version is 1.0, FEATURES of SMCCC_VERSION, CPU_SUSPEND,
 * SYSTEM_SUSPEND and SYSTEM_RESET2; all but the first three are refused, which
 * leaves it with SMCCC 1.0, WFI for idle and plain SYSTEM_RESET.
 */
#include <vmm/psci.h>

static int32_t features(uint32_t function)
{
    switch (function) {
    case PSCI_VERSION:
    case PSCI_FEATURES:
    case PSCI_MIGRATE_INFO_TYPE:
    case PSCI_SYSTEM_OFF:
    case PSCI_SYSTEM_RESET:
        return PSCI_SUCCESS;            /* supported, no feature flags */
    default:
        return PSCI_NOT_SUPPORTED;
    }
}

struct psci_result psci_call(uint32_t function, uint32_t arg)
{
    switch (function) {
    case PSCI_VERSION:
        return (struct psci_result){ PSCI_ACTION_REPLY, PSCI_VERSION_1_0 };
    case PSCI_FEATURES:
        return (struct psci_result){ PSCI_ACTION_REPLY, features(arg) };
    case PSCI_MIGRATE_INFO_TYPE:
        return (struct psci_result){ PSCI_ACTION_REPLY, PSCI_MIGRATE_NOT_PRESENT };
    case PSCI_SYSTEM_OFF:
        return (struct psci_result){ PSCI_ACTION_POWER_OFF, 0 };
    case PSCI_SYSTEM_RESET:
        return (struct psci_result){ PSCI_ACTION_RESET, 0 };
    default:
        return (struct psci_result){ PSCI_ACTION_REPLY, PSCI_NOT_SUPPORTED };
    }
}
