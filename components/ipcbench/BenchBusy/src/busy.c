// SPDX-License-Identifier: BSD-2-Clause
/*
 * A thread that is always runnable, one priority below the runner: the
 * runner resumes it for glue_add_round_trip_busy only and suspends it
 * otherwise. It ends when the runner sets the first word of the dataport
 * they share. It has no other thread (no interface, no event), so that it is
 * the only thread at its level.
 */
#include <camkes.h>

int run(void)
{
    while (*(volatile int *)flag == 0)
        ;
    return 0;
}
