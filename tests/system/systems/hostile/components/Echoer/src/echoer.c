// SPDX-License-Identifier: BSD-2-Clause
/*
 * Answers whatever arrives on its endpoint with an empty reply (a send's
 * reply is dropped by the kernel: it holds no reply right), so the hostile's
 * calls and sends return. Ends when the hostile has set flag[0] and sends one
 * last message.
 */
#include <stdio.h>
#include <camkes.h>

int run(void)
{
    volatile uint32_t *f = (volatile uint32_t *)flag;
    tessera_msg_t m = { 0 };
    unsigned long received = 0;

    tessera_recv(CAP_e, &m);
    for (;;) {
        received++;
        if (f[0] != 0)
            break;
        m = (tessera_msg_t){ 0 };
        tessera_reply_recv(CAP_e, &m);
    }
    m = (tessera_msg_t){ 0 };
    tessera_reply(&m);
    printf("echoer: answered %lu messages\n", received);
    return 0;
}
