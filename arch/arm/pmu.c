// SPDX-License-Identifier: BSD-2-Clause
/*
 * The PMU cycle counter (PMCCNTR): enabled, counting in Hyp mode too
 * (PMCCFILTR.NSH; otherwise the kernel's own paths would be invisible), and
 * readable from user mode (PMUSERENR.EN) so components can measure.
 */
#include <arch/cpu.h>
#include <arch/drivers.h>

void pmu_init(void)
{
    CP15_WRITE(0, c9, c12, 0, 0x7);             /* PMCR: E | P | C, no divider */
    CP15_WRITE(0, c9, c12, 5, 31);              /* PMSELR = cycle counter */
    CP15_WRITE(0, c9, c13, 1, 1u << 27);        /* PMXEVTYPER = PMCCFILTR.NSH */
    CP15_WRITE(0, c9, c12, 1, 1u << 31);        /* PMCNTENSET: cycle counter */
    CP15_WRITE(0, c9, c14, 0, 1);               /* PMUSERENR.EN */
    isb();
}
