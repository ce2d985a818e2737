// SPDX-License-Identifier: BSD-2-Clause
/* Spins at the runner's priority (round robin) until "stop" is signalled. */
#include <stdio.h>
#include <camkes.h>

int run(void)
{
    unsigned long n = 0;
    uintptr_t bits = 0;

    while (bits == 0) {
        if ((++n & 0xfff) == 0)
            tessera_poll(CAP_s, &bits);
    }
    printf("spinner: stopped\n");
    return 0;
}
