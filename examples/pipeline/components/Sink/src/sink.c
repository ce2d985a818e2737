// SPDX-License-Identifier: BSD-2-Clause
/* Adds up each squared batch and reports the total to the source. */
#include <stdio.h>
#include <camkes.h>
#include <pipeline.h>

int run(void)
{
    volatile struct batch *b = (volatile struct batch *)in;

    for (int n = 1; n <= BATCHES; n++) {
        next_wait();
        in_acquire();
        int64_t total = 0;
        for (int i = 0; i < ITEMS; i++)
            total += b->values[i];
        report_result(b->number, total);
    }
    return 0;
}
