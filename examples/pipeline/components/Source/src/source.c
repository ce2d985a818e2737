// SPDX-License-Identifier: BSD-2-Clause
/* Fills the buffer with a batch, emits `ready`, and waits for the sink's
 * report (which the `report` thread receives and posts to `finished`). */
#include <stdio.h>
#include <camkes.h>
#include <pipeline.h>

static int64_t last_total;

void report_result(int batch, int64_t total)
{
    printf("source: sink reports batch %d total %ld\n", batch, (long)total);
    last_total = total;
    finished_post();
}

int run(void)
{
    volatile struct batch *b = (volatile struct batch *)out;
    int64_t grand = 0;

    for (int n = 1; n <= BATCHES; n++) {
        b->number = n;
        for (int i = 0; i < ITEMS; i++)
            b->values[i] = n * 10 + i;
        out_release();
        printf("source: batch %d ready\n", n);
        ready_emit();
        finished_wait();
        grand += last_total;
    }
    printf("source: all batches done, grand total %ld\n", (long)grand);
    return 0;
}
