// SPDX-License-Identifier: BSD-2-Clause
/* Numbers messages 1, 2, 3 ... and sends each until the driver takes it:
 * a call that fails with ERR_PEER_DEAD (the driver crashed and is being
 * restarted) is sent again. Stops after the driver's 1000th restart. */
#include <stdio.h>
#include <camkes.h>
#include <camkes/error.h>

#define RESTARTS 1000

static int peer_dead, other_errors;

static camkes_error_action_t on_error(camkes_error_t *e)
{
    if (e->type == CE_SYSCALL_FAILED && e->error == ERR_PEER_DEAD)
        peer_dead = 1;
    else
        other_errors++;
    return CEA_DISCARD;
}

int run(void)
{
    unsigned seq = 1, restarts = 0;

    out_register_error_handler(on_error);
    while (restarts < RESTARTS && other_errors == 0) {
        peer_dead = 0;
        out_put(seq);
        if (peer_dead)
            restarts++;             /* the driver died with it: the same message again */
        else
            seq++;
    }
    peer_dead = 0;
    int bad = out_finish(seq - 1, restarts);
    if (peer_dead || other_errors) {
        printf("producer: the end of the stream failed\n");
        return 1;
    }
    return bad != 0;
}
