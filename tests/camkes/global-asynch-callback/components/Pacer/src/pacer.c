/* SPDX-License-Identifier: BSD-2-Clause */
/* A periodic timeout; the callback counts the periods and, after the third,
 * releases run(). */
#include <camkes.h>
#include <stdio.h>

#define PERIOD (20 * NS_IN_MS)
#define TICKS 3

static volatile int ticks;

void timer_complete_callback(seL4_Word badge)
{
    unsigned int completed = timer_completed();

    ticks++;
    printf("pacer: tick %d in the callback, timer's bit %s, completed %#x\n", ticks,
           (badge & timer_notification_badge()) ? "set" : "clear", completed);
    if (ticks == TICKS) {
        timer_stop(0);
        done_post();
    }
}

int run(void)
{
    printf("pacer: every %d ms\n", (int)(PERIOD / NS_IN_MS));
    timer_periodic(0, PERIOD);
    done_wait();
    printf("pacer: %d ticks, done\n", ticks);
    return 0;
}
