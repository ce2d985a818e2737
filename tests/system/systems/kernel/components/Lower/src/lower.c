// SPDX-License-Identifier: BSD-2-Clause
/*
 * Always runnable, one level below the runner and in its bitmap word (99 and
 * 100 are both in 96-127), while the runner lets it run (FAST0008): it spins
 * until the runner sets the first word of the page they share. Its only
 * thread, so nothing else of it is ever runnable. Meanwhile it keeps its last
 * counter read in the page's second word (FAST0010).
 */
#include <camkes.h>

int run(void)
{
    volatile uint32_t *shared = (volatile uint32_t *)flag;

    while (shared[0] == 0)
        shared[1] = tessera_cycles();
    return 0;
}
