// SPDX-License-Identifier: BSD-2-Clause
/* Emits a tick, then waits for the consumer's ack, three times. */
#include <stdio.h>
#include <camkes.h>

int run(void)
{
    for (int i = 1; i <= 3; i++) {
        printf("producer: tick %d\n", i);
        tick_emit();
        ack_wait();
        printf("producer: ack %d\n", i);
    }
    return 0;
}
