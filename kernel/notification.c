// SPDX-License-Identifier: BSD-2-Clause
/*
 * Notifications. Bits delivered to a thread arrive in r6 with r0 = ERR_OK and
 * MSG_NOTIFICATION_FLAG in r1, whether it waited on the notification or was
 * receiving on an endpoint with the notification bound to it.
 */
#include <stddef.h>
#include <kernel/ipc.h>
#include <kernel/notification.h>
#include <kernel/sched.h>
#include <spec_limits.h>
#include <tessera/abi.h>

struct notification notifications[SPEC_MAX_NOTIFICATIONS];

static void deliver(struct thread *t, uint32_t bits)
{
    arch_syscall_set_result(&t->ctx, SLOT_ERROR, ERR_OK);
    arch_syscall_set_result(&t->ctx, SLOT_INFO, MSG_NOTIFICATION_FLAG);
    arch_syscall_set_result(&t->ctx, SLOT_BADGE, bits);
}

void ntfn_signal(struct notification *n, uint32_t badge)
{
    struct thread *w = tq_pop(&n->waiters);

    if (w != NULL) {
        w->blocked_on = NULL;
        deliver(w, n->word | badge);
        n->word = 0;
        thread_wake(w);
        return;
    }
    struct thread *b = n->bound;
    if (b != NULL && b->state == THREAD_BLOCKED_RECV) {
        tq_remove(&((struct endpoint *)b->blocked_on)->receivers, b);
        b->blocked_on = NULL;
        deliver(b, n->word | badge);
        n->word = 0;
        thread_wake(b);
        return;
    }
    n->word |= badge;
}

int ntfn_wait(struct thread *t, struct notification *n, int block)
{
    if (n->word != 0 || !block) {
        deliver(t, n->word);
        n->word = 0;
        return ERR_OK;
    }
    t->blocked_on = n;
    thread_block(t, THREAD_BLOCKED_NTFN);
    tq_push(&n->waiters, t);
    return ERR_OK;
}

int ntfn_take_bound(struct thread *t)
{
    struct notification *n = t->bound;

    if (n == NULL || n->word == 0)
        return 0;
    deliver(t, n->word);
    n->word = 0;
    return 1;
}
