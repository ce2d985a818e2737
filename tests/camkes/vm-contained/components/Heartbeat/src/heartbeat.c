// SPDX-License-Identifier: BSD-2-Clause
/*
 * Heartbeat: a native component beside a guest that is about to misbehave.
 * It beats every 250 ms for 30 s of the system's time, which outlasts the
 * guest's boot and the test's typing, then ends.
 */
#include <stdio.h>
#include <camkes.h>
#include <tessera.h>
#include <tessera_caps.h>

#define BEATS 120

int run(void)
{
    uintptr_t bits;

    tessera_timer_set(250000, 250000);
    for (int i = 1; i <= BEATS; i++) {
        tessera_wait(CAP_timer, &bits);
        if (i % 4 == 0)
            printf("heartbeat: %d\n", i / 4);
    }
    printf("heartbeat: done\n");
    return 0;
}
