// SPDX-License-Identifier: BSD-2-Clause
/*
 * The IPC fast paths on x86_64: `call`, `reply_recv` and `send` in their
 * common case, handing the CPU from the calling thread to its partner without
 * the general dispatch and without schedule(). The same three paths, guards
 * and shortcuts as arch/arm/fastpath.S, in C.
 *
 * The SYSCALL entry has saved the caller's registers into its context and
 * calls x86_syscall(). Each path checks its guards first; the first that
 * fails returns before anything has changed, and kernel_syscall() then does
 * the whole call. Past the guards a path commits: it leaves threads, queues
 * and registers exactly as kernel/ipc.c and kernel/sched.c would, with two
 * shortcuts that only skip stores of values already there: a thread in no run
 * queue has next == NULL, and a thread's slice_left is only 0 when its time
 * slice is 0, so thread_wake()'s refill never changes it. A level that a path
 * fills is empty: the running thread is the highest runnable one, and the
 * partner runs above it (call, send) or is checked to be the highest
 * (reply_recv). The small steps are forced inline: each path is then one
 * straight run of code, as its assembly counterpart on ARM is.
 */
#include <stdint.h>
#include <arch.h>
#include <arch/drivers.h>
#include <kernel/ipc.h>
#include <kernel/kernel.h>
#include <kernel/notification.h>
#include <kernel/sched.h>
#include <kernel/spec.h>
#include <kernel/thread.h>
#include <tessera/abi.h>

/* The longest message a fast path moves (MR4 onwards through the IPC buffers);
 * longer ones take the ordinary path, as on ARM. */
#define FASTPATH_MAX_WORDS 16

_Static_assert(FASTPATH_MAX_WORDS <= MSG_MAX_WORDS && FASTPATH_MAX_WORDS > MSG_REGISTER_WORDS,
               "a fast message is a legal one that uses the IPC buffer");

/* [cap] The endpoint that the capability in rdi names, with every right in
 * `rights`, or NULL; *badge is the capability's badge. */
static inline __attribute__((always_inline)) struct endpoint *endpoint_cap(const struct thread *t, unsigned rights, uint32_t *badge)
{
    const struct spec_vspace *s = t->vs->spec;
    uintptr_t index = t->ctx.rdi;

    if (index >= s->ncaps)
        return NULL;
    const struct cap *c = &s->caps[index];
    if (c->type != OBJ_ENDPOINT || (c->rights & rights) != rights)
        return NULL;
    *badge = c->badge;
    return &endpoints[c->object];
}

/* [message] transfer(): the message registers and MR4 onwards from `from` to
 * `to`, with ERR_OK and the badge. */
static inline __attribute__((always_inline)) void deliver(const struct thread *from, struct thread *to, uint32_t badge, unsigned len)
{
    to->ctx.rdi = ERR_OK;
    to->ctx.rsi = from->ctx.rsi & ~(uint64_t)MSG_NOTIFICATION_FLAG;
    to->ctx.rdx = from->ctx.rdx;
    to->ctx.r10 = from->ctx.r10;
    to->ctx.r8 = from->ctx.r8;
    to->ctx.r9 = from->ctx.r9;
    to->ctx.rbx = badge;
    for (unsigned i = MSG_REGISTER_WORDS; i < len; i++)
        to->ipc_buffer[i] = from->ipc_buffer[i];
}

/* [partner] tq_pop() of the receiver at the head of the endpoint's queue. */
static inline __attribute__((always_inline)) void take_receiver(struct endpoint *ep, struct thread *r)
{
    ep->receivers.head = r->queue_next;
    if (ep->receivers.head == NULL)
        ep->receivers.tail = NULL;
    r->queue_next = NULL;
    r->blocked_on = NULL;
}

/* [wake] thread_wake(t) into its empty level. */
static inline __attribute__((always_inline)) void wake_alone(struct thread *t)
{
    unsigned p = t->priority;

    t->state = THREAD_RUNNABLE;
    sched_state.queue[p].head = sched_state.queue[p].tail = t;
    sched_state.level_bits[p / 32] |= 1u << (p % 32);
    sched_state.level_words |= 1u << (p / 32);
}

/* [block] thread_block(t, state) of a thread alone at its level. */
static inline __attribute__((always_inline)) void block_alone(struct thread *t, enum thread_state state)
{
    unsigned q = t->priority;

    t->state = state;
    sched_state.queue[q].head = sched_state.queue[q].tail = NULL;
    sched_state.level_bits[q / 32] &= ~(1u << (q % 32));
    if (sched_state.level_bits[q / 32] == 0)
        sched_state.level_words &= ~(1u << (q / 32));
}

/* [switch] what schedule() would do next: run `t`. */
static _Noreturn void run(struct thread *t)
{
    current = t;
    arch_enter_user(t);
}

/* call: hand the message to the receiver waiting on the endpoint, give it the
 * reply right, block for the reply. The receiver runs next: it is above the
 * caller, and the caller is alone at its level. */
static void fastpath_call(struct thread *t)
{
    unsigned len = MSG_LENGTH(t->ctx.rsi);
    uint32_t badge;
    struct endpoint *ep = len <= FASTPATH_MAX_WORDS ?
        endpoint_cap(t, RIGHT_SEND | RIGHT_GRANT, &badge) : NULL;
    if (ep == NULL)
        return;
    struct thread *r = ep->receivers.head;
    if (r == NULL || r->priority <= t->priority || t->next != NULL)
        return;

    take_receiver(ep, r);
    deliver(t, r, badge, len);
    r->reply_to = t;
    block_alone(t, THREAD_BLOCKED_REPLY);
    wake_alone(r);
    run(r);
}

/* reply_recv: reply to the caller, which runs next, and wait on the endpoint.
 * Only when a reply right is held (not for a fault), no sender is queued and
 * no bound notification bit is pending (either ends the receive at once), the
 * replier is alone at its level, and nothing else could be runnable in the
 * caller's bitmap word or above. */
static void fastpath_reply_recv(struct thread *t)
{
    unsigned len = MSG_LENGTH(t->ctx.rsi);
    uint32_t badge;
    struct endpoint *ep = len <= FASTPATH_MAX_WORDS ? endpoint_cap(t, RIGHT_RECEIVE, &badge) : NULL;
    struct thread *c = t->reply_to;
    if (ep == NULL || c == NULL || c->in_fault || ep->senders.head != NULL || t->next != NULL)
        return;
    if (t->bound != NULL && t->bound->word != 0)
        return;
    unsigned q = t->priority;
    uint32_t bits = sched_state.level_bits[q / 32] & ~(1u << (q % 32));
    uint32_t words = bits != 0 ? sched_state.level_words : sched_state.level_words & ~(1u << (q / 32));
    if ((words >> (c->priority / 32)) != 0)
        return;

    block_alone(t, THREAD_BLOCKED_RECV);
    t->reply_to = NULL;
    t->blocked_on = ep;
    tq_push(&ep->receivers, t);
    deliver(t, c, 0, len);
    wake_alone(c);
    run(c);
}

/* send: hand the message to a waiting receiver above the sender, which runs
 * next; the sender stays runnable, at the head of its level, with ERR_OK. */
static void fastpath_send(struct thread *t)
{
    unsigned len = MSG_LENGTH(t->ctx.rsi);
    uint32_t badge;
    struct endpoint *ep = len <= FASTPATH_MAX_WORDS ? endpoint_cap(t, RIGHT_SEND, &badge) : NULL;
    if (ep == NULL)
        return;
    struct thread *r = ep->receivers.head;
    if (r == NULL || r->priority <= t->priority)
        return;

    t->ctx.rdi = ERR_OK;
    take_receiver(ep, r);
    deliver(t, r, badge, len);
    wake_alone(r);
    run(r);
}

_Noreturn void x86_syscall(void)
{
    struct thread *t = current;

    switch (t->ctx.rax) {
    case SYS_CALL:       fastpath_call(t); break;
    case SYS_REPLY_RECV: fastpath_reply_recv(t); break;
    case SYS_SEND:       fastpath_send(t); break;
    default:             break;
    }
    kernel_syscall();
}
