// SPDX-License-Identifier: BSD-2-Clause
/*
 * Ticker: a native component beside the Linux guest. Its control thread
 * prints a line every half second, six times, on its kernel timer; the
 * guest keeps booting meanwhile, at a lower priority, and its lines and the
 * ticker's reach the console whole.
 */
#include <stdio.h>
#include <camkes.h>
#include <tessera.h>
#include <tessera_caps.h>

int run(void)
{
    printf("ticker: native component '%s' runs beside the guest\n", get_instance_name());
    uintptr_t bits;

    for (int i = 1; i <= 6; i++) {
        tessera_timer_set(500000, 0);
        tessera_wait(CAP_timer, &bits);
        printf("ticker: tick %d\n", i);
    }
    printf("ticker: done\n");
    return 0;
}
