// SPDX-License-Identifier: BSD-2-Clause
/* Says it runs, then waits for its periodic timer for ever. */
#include <stdio.h>
#include <camkes.h>

int run(void)
{
    uintptr_t bits;

    tessera_timer_set(100000, 100000);
    printf("ticker: running until stopped\n");
    for (;;)
        tessera_wait(CAP_timer, &bits);
    return 0;
}
