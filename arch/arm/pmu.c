// SPDX-License-Identifier: BSD-2-Clause
/*
 * The PMU cycle counter (PMCCNTR): enabled, counting in Hyp mode too
 * (PMCCFILTR.NSH; otherwise the kernel's own paths would be invisible). User
 * mode may use it only while a component the description grants it to
 * (`cycle_counter = true`) runs: arch_enter_user() and the IPC fast paths set
 * PMUSERENR.EN from the address space's grant; any other component's PMU
 * access is an undefined instruction (docs/reliability.md).
 */
#include <arch/cpu.h>
#include <arch/drivers.h>

void pmu_init(void)
{
    CP15_WRITE(0, c9, c12, 0, 0x7);             /* PMCR: E | P | C, no divider */
    CP15_WRITE(0, c9, c12, 5, 31);              /* PMSELR = cycle counter */
    CP15_WRITE(0, c9, c13, 1, 1u << 27);        /* PMXEVTYPER = PMCCFILTR.NSH */
    CP15_WRITE(0, c9, c12, 1, 1u << 31);        /* PMCNTENSET: cycle counter */
    write_pmuserenr(0);                         /* PMUSERENR.EN: off until a granted component runs */
    isb();
}
