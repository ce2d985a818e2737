// SPDX-License-Identifier: BSD-2-Clause
/*
 * The benchmark's server: the receiving end of call and send, the replying
 * end of reply_recv. For SRV_ECHO it measures the call's one-way figure (from
 * the caller's count in MR0 to its own count right after reply_recv returned)
 * and hands it back in the reply, whose MR0 is its own count right before the
 * reply_recv, for the runner to measure the reply's way.
 */
#include <camkes.h>
#include "../../include/ipcbench.h"

int run(void)
{
    tessera_msg_t m = { 0 };
    uint32_t last_send = 0;
    uint32_t now;

    m.info = MSG_INFO(0, 0);
    now = bench_syscall(SYS_RECV, CAP_ipc, &m);
    for (;;) {
        uintptr_t started = m.mr[0];
        unsigned len = MSG_LENGTH(m.info);

        switch (MSG_LABEL(m.info)) {
        case SRV_ECHO:
            m.info = MSG_INFO(SRV_ECHO, len);
            m.mr[1] = now - started;
            m.mr[2] = started;
            now = bench_syscall(SYS_REPLY_RECV, CAP_ipc, &m);
            break;
        case SRV_SEND:
            last_send = now - started;
            m.info = MSG_INFO(0, 0);
            now = bench_syscall(SYS_RECV, CAP_ipc, &m);
            break;
        case SRV_LAST:
            m.info = MSG_INFO(SRV_LAST, 1);
            m.mr[1] = last_send;
            now = bench_syscall(SYS_REPLY_RECV, CAP_ipc, &m);
            break;
        case SRV_QUIT:
            m.info = MSG_INFO(SRV_QUIT, 0);
            tessera_reply(&m);
            return 0;
        default:
            m.info = MSG_INFO(0xbad, 0);
            tessera_reply(&m);
            return 1;
        }
    }
}
