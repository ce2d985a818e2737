// SPDX-License-Identifier: BSD-2-Clause
/* Registers a callback for `t` fifty times, each time asking the ticker for
 * one tick and waiting until the callback has run. */
#include <stdio.h>
#include <camkes.h>

#define ROUNDS 50

static volatile int calls;
static volatile int wrong_arg;

static void on_tick(void *arg)
{
    if (*(int *)arg != calls)
        wrong_arg++;
    calls++;
    done_post();
}

int run(void)
{
    static int round;

    for (round = 0; round < ROUNDS; round++) {
        if (t_reg_callback(on_tick, &round) != 0) {
            printf("listener: could not register a callback in round %d\n", round);
            return 1;
        }
        go_emit();
        done_wait();
    }
    printf("listener: %d rounds, %d callbacks, %d with the wrong argument\n", ROUNDS, calls, wrong_arg);
    return calls == ROUNDS && wrong_arg == 0 ? 0 : 1;
}
