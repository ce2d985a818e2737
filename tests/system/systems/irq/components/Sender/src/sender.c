// SPDX-License-Identifier: BSD-2-Clause
/* Sends one message and blocks until the tester takes it with nb_recv. */
#include <camkes.h>

int run(void)
{
    tessera_msg_t m = { .info = MSG_INFO(7, 1), .mr = { 0x5eed } };
    return tessera_send(CAP_ep, &m) == ERR_OK ? 0 : 1;
}
