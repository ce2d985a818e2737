// SPDX-License-Identifier: BSD-2-Clause
/* Waits for an event that never comes. */
#include <stdio.h>
#include <camkes.h>

int run(void)
{
    uintptr_t bits;
    printf("waiter: waiting for ever\n");
    tessera_wait(CAP_n, &bits);
    return 0;
}
