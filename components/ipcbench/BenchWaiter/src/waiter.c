// SPDX-License-Identifier: BSD-2-Clause
/*
 * The benchmark's waiter: takes an order from the runner (the reply to its
 * call on `result`), waits once on the `kick` notification or for its periodic
 * timer, and reports the cycle count right after the wait returned in MR0 of
 * its next call.
 */
#include <camkes.h>
#include "../../include/ipcbench.h"

int run(void)
{
    tessera_msg_t m = { .info = MSG_INFO(WAITER_READY, 0) };
    int timer_armed = 0;

    for (;;) {
        tessera_call(CAP_result, &m);
        uintptr_t order = MSG_LABEL(m.info);
        tessera_msg_t w = { .info = MSG_INFO(0, 0) };

        switch (order) {
        case WAITER_NTFN:
            m.mr[0] = bench_syscall(SYS_WAIT, CAP_kick, &w);
            break;
        case WAITER_TIMER:
            if (!timer_armed)
                tessera_timer_set(WAITER_TIMER_PERIOD_US, WAITER_TIMER_PERIOD_US);
            timer_armed = 1;
            m.mr[0] = bench_syscall(SYS_WAIT, CAP_timer, &w);
            break;
        case WAITER_STOP_TIMER:
            tessera_timer_set(0, 0);
            timer_armed = 0;
            break;
        default:
            return order == WAITER_QUIT ? 0 : 1;
        }
        m.info = MSG_INFO(order, 1);
    }
}
