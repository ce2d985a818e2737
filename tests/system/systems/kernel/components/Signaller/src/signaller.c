// SPDX-License-Identifier: BSD-2-Clause
/* Waits for "go" and answers with "ping", twice. Lower priority than the runner. */
#include <stdio.h>
#include <camkes.h>

int run(void)
{
    for (int i = 0; i < 2; i++) {
        uintptr_t bits;
        tessera_wait(CAP_g, &bits);
        tessera_signal(CAP_p);
    }
    printf("signaller: done\n");
    return 0;
}
