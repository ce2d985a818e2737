// SPDX-License-Identifier: BSD-2-Clause
/* Takes the first tick with tick_wait(), the second by polling, the third
 * through a callback that runs on the interface's own thread. */
#include <stdio.h>
#include <camkes.h>

static int callback_arg = 42;

static void on_tick(void *arg)
{
    printf("consumer: callback ran with arg %d\n", *(int *)arg);
    ack_emit();
    done_post();
}

int run(void)
{
    tick_wait();
    printf("consumer: tick 1 by wait\n");
    ack_emit();

    while (!tick_poll())
        ;
    printf("consumer: tick 2 by poll\n");
    ack_emit();

    if (tick_reg_callback(on_tick, &callback_arg) != 0)
        printf("consumer: could not register the callback\n");
    if (tick_reg_callback(on_tick, &callback_arg) == 0)
        printf("consumer: registered a second callback?\n");
    done_wait();
    printf("consumer: done\n");
    return 0;
}
