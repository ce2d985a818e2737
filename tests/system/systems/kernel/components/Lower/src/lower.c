// SPDX-License-Identifier: BSD-2-Clause
/*
 * Always runnable, one level below the runner and in its bitmap word (99 and
 * 100 are both in 96-127), while the runner lets it run (FAST0008): it spins
 * until the runner sets the first word of the page they share. Its only
 * thread, so nothing else of it is ever runnable.
 */
#include <camkes.h>

int run(void)
{
    while (*(volatile int *)flag == 0)
        ;
    return 0;
}
