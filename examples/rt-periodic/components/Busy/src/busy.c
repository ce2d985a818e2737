/* SPDX-License-Identifier: BSD-2-Clause */
/* A neighbour that never waits: it spins for `seconds`, at low priority, so
 * that the control task always has something to preempt. */
#include <stdio.h>
#include <camkes.h>
#include <tessera.h>

int run(void)
{
    uint64_t end = tessera_counter() + (uint64_t)seconds * tessera_counter_freq() + tessera_counter_freq() / 10;
    unsigned long loops = 0;

    while (tessera_counter() < end)
        loops++;
    printf("busy: done\n");
    return loops != 0 ? 0 : 1;
}
