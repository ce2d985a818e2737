// SPDX-License-Identifier: BSD-2-Clause
/*
 * Granted the cycle counter (timed.cycle_counter = true): it reads PMCCNTR
 * around some work and the counter must have moved, after the prober (which
 * is not granted it) tried to reset it.
 */
#include <stdio.h>
#include <camkes.h>

int run(void)
{
    volatile unsigned sink = 0;
    uint32_t start = tessera_cycles();

    for (unsigned i = 0; i < 1000; i++)
        sink += i;
    uint32_t took = tessera_cycles() - start;
    printf("timed: the cycle counter moved by %u cycles over 1000 iterations %s\n", (unsigned)took,
           took >= 1000 && took < 1000000 ? "ok" : "WRONG");
    return took >= 1000 && took < 1000000 ? 0 : 1;
}
