// SPDX-License-Identifier: BSD-2-Clause
/*
 * The endpoint server. Labels: 1 ADD (reply MR0 = MR0+..+MR3, MR1 = badge),
 * 2 BIG (reply every word + 1, same length), 3 ONEWAY (a send: no reply,
 * counted), 4 COUNT (reply MR0 = ONEWAY count), 5 QUIT (reply, then return),
 * 6 INFO (reply MR0 = the message info as delivered, MR1 = badge), 7 WAIT
 * (a send: no reply; waits on `k` with MR0-MR3 = 11, 22, 33, 44 and keeps what
 * the wait returned), 8 WAITED (reply MR0 = the bits, MR1 = 1 if the wait
 * returned ERR_OK with the notification flag and MR0-MR3 as they were),
 * 9 FPU (x86_64: xmm7 = MR0, reply MR0 = xmm7 as it was before), 10 XMM
 * (reply MR0 = xmm7).
 */
#include <camkes.h>

int run(void)
{
    tessera_msg_t m = { 0 }, w = { 0 };
    unsigned oneway = 0;
    long waited = -1;

    tessera_recv(CAP_e, &m);
    for (;;) {
        uintptr_t *buf = tessera_ipc_buffer();
        unsigned len = MSG_LENGTH(m.info);
        tessera_msg_t r = { 0 };

        switch (MSG_LABEL(m.info)) {
        case 1:
            r.info = MSG_INFO(1, 2);
            r.mr[0] = m.mr[0] + m.mr[1] + m.mr[2] + m.mr[3];
            r.mr[1] = m.badge;
            break;
        case 2:
            for (unsigned i = 0; i < 4; i++)
                r.mr[i] = m.mr[i] + 1;
            for (unsigned i = 4; i < len; i++)
                buf[i] += 1;
            r.info = MSG_INFO(2, len);
            break;
        case 3:
            oneway++;
            tessera_recv(CAP_e, &m);
            continue;
        case 4:
            r.info = MSG_INFO(4, 1);
            r.mr[0] = oneway;
            break;
        case 7:
            w = (tessera_msg_t){ .mr = { 11, 22, 33, 44 } };
            waited = tessera_syscall_msg(SYS_WAIT, CAP_k, &w);
            tessera_recv(CAP_e, &m);
            continue;
        case 8:
            r.info = MSG_INFO(8, 2);
            r.mr[0] = w.badge;
            r.mr[1] = waited == ERR_OK && (w.info & MSG_NOTIFICATION_FLAG) && w.mr[0] == 11 &&
                      w.mr[1] == 22 && w.mr[2] == 33 && w.mr[3] == 44;
            break;
#if defined(__x86_64__)
        case 9:
            r.info = MSG_INFO(9, 1);
            __asm__ volatile("movq %%xmm7, %0\n\tmovq %1, %%xmm7" : "=&r"(r.mr[0]) : "r"(m.mr[0]) : "xmm7");
            break;
        case 10:
            r.info = MSG_INFO(10, 1);
            __asm__ volatile("movq %%xmm7, %0" : "=r"(r.mr[0]));
            break;
#endif
        case 6:
            r.info = MSG_INFO(6, 2);
            r.mr[0] = m.info;
            r.mr[1] = m.badge;
            break;
        case 5:
            r.info = MSG_INFO(5, 0);
            tessera_reply(&r);
            return 0;
        default:
            r.info = MSG_INFO(0xbad, 0);
            break;
        }
        m = r;
        tessera_reply_recv(CAP_e, &m);
    }
}
