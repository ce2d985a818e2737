// SPDX-License-Identifier: BSD-2-Clause
/* One tick for every `go`. */
#include <stdio.h>
#include <camkes.h>

#define ROUNDS 50

int run(void)
{
    for (int i = 0; i < ROUNDS; i++) {
        go_wait();
        t_emit();
    }
    printf("ticker: %d ticks\n", ROUNDS);
    return 0;
}
