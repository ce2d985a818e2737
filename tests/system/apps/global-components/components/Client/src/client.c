/* SPDX-License-Identifier: BSD-2-Clause */
/* Times itself with the time server (periodic, relative, absolute) and prints
 * through the serial server with printf, after set_putchar(); one of its lines
 * spans a wait during which the ticker prints. */
#include <autoconf.h>
#include <camkes.h>
#include <stdio.h>

#define PERIOD (10 * NS_IN_MS)
#define TICKS 3

void pre_init(void)
{
    set_putchar(putchar_putchar);
}

int run(void)
{
    seL4_Word badge;
    seL4_CPtr notification = timeout_notification();
    /* Half a line, a wait while the ticker prints whole lines, the other half:
     * the serial server holds the ticker's lines until this one is complete. */
    printf("client: a line in two halves, ");
    timeout_oneshot_relative(0, 40 * NS_IN_MS);
    seL4_Wait(notification, &badge);
    printf("the second after a wait\n");

    uint64_t t0 = timeout_time();

    timeout_periodic(0, PERIOD);
    for (int i = 1; i <= TICKS; i++) {
        seL4_Wait(notification, &badge);
        printf("client: periodic tick %d, completed %#x\n", i, timeout_completed());
    }
    timeout_stop(0);
    uint64_t t1 = timeout_time();
    printf("client: %d periods took at least %d ms: %s\n", TICKS, (int)(TICKS * PERIOD / NS_IN_MS),
           t1 - t0 >= TICKS * PERIOD ? "yes" : "no");

    timeout_oneshot_relative(1, 5 * NS_IN_MS);
    seL4_Wait(notification, &badge);
    printf("client: relative timeout on timer 1, completed %#x\n", timeout_completed());

    uint64_t deadline = timeout_time() + 20 * NS_IN_MS;
    timeout_oneshot_absolute(0, deadline);
    timeout_wait_notification();
    printf("client: absolute timeout %s its deadline\n", timeout_time() >= deadline ? "after" : "BEFORE");

    printf("client: timer 2 %s\n", timeout_periodic(2, PERIOD) == -1 ? "refused" : "accepted");
#if defined(__x86_64__)
    printf("client: TSC at %s MHz\n", timeout_tsc_frequency() >= 1000000 ? "one or more" : "under one");
#endif
    return 0;
}
