// SPDX-License-Identifier: BSD-2-Clause
/* A second client: the server sees its badge (2), not the runner's (1). It has
 * no timer, so timer_set is refused. */
#include <stdio.h>
#include <camkes.h>

int run(void)
{
    tessera_msg_t m = { .info = MSG_INFO(1, 4), .mr = { 1, 2, 3, 4 } };
    long err = tessera_call(CAP_e, &m);
    long timer = tessera_timer_set(1000, 0);

    printf("client2: call err %ld sum %lu badge %lu; timer_set without a timer: %ld\n",
           err, (unsigned long)m.mr[0], (unsigned long)m.mr[1], timer);
    return err == ERR_OK && m.mr[0] == 10 && m.mr[1] == 2 && timer == ERR_INVALID_ARGUMENT ? 0 : 1;
}
