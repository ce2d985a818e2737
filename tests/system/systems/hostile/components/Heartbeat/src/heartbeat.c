// SPDX-License-Identifier: BSD-2-Clause
/*
 * Beats every 2 ms on its own timer, above the hostile's priority, while the
 * hostile runs: flag[1] counts the beats (the hostile reads it before and
 * after its run), and every 50th beat is a line. Ends when flag[0] is set.
 */
#include <stdio.h>
#include <camkes.h>

int run(void)
{
    volatile uint32_t *f = (volatile uint32_t *)flag;
    uintptr_t bits;

    tessera_timer_set(2000, 2000);
    while (f[0] == 0) {
        if (tessera_wait(CAP_timer, &bits) != ERR_OK) {
            printf("heartbeat: wait failed\n");
            return 1;
        }
        f[1]++;
        if (f[1] % 50 == 0)
            printf("heartbeat: beat %u\n", (unsigned)f[1]);
    }
    tessera_timer_set(0, 0);
    printf("heartbeat: stopped after %u beats\n", (unsigned)f[1]);
    return 0;
}
