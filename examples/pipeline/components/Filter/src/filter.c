// SPDX-License-Identifier: BSD-2-Clause
/* Squares each value of a batch through the math server. */
#include <stdio.h>
#include <camkes.h>
#include <pipeline.h>

int run(void)
{
    volatile struct batch *src = (volatile struct batch *)in;
    volatile struct batch *dst = (volatile struct batch *)out;

    for (int n = 1; n <= BATCHES; n++) {
        ready_wait();
        in_acquire();
        dst->number = src->number;
        for (int i = 0; i < ITEMS; i++)
            dst->values[i] = math_square(src->values[i]);
        out_release();
        printf("%s: batch %d squared\n", get_instance_name(), src->number);
        next_emit();
    }
    return 0;
}
