// SPDX-License-Identifier: BSD-2-Clause
/*
 * The thread the hostile suspends and resumes at random (thread_control):
 * it only yields, below everyone, until flag[0] is set.
 */
#include <stdio.h>
#include <camkes.h>

int run(void)
{
    volatile uint32_t *f = (volatile uint32_t *)flag;

    while (f[0] == 0)
        tessera_yield();
    printf("victim: still here\n");
    return 0;
}
