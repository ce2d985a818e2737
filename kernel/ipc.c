// SPDX-License-Identifier: BSD-2-Clause
/*
 * Endpoint IPC. A message moves from the sender's registers (r1 = info, r2-r5
 * = MR0-MR3) and IPC buffer (MR4 onwards) to the receiver's, with the badge in
 * r6 and r0 = ERR_OK. A call leaves the caller waiting for the reply and gives
 * the receiver a one-shot reply right (receiver->reply_to). The right is kept
 * until it is used or a new call takes its place: a handler that blocks on an
 * endpoint (a lock, a plain send) still replies to its caller afterwards. (seL4
 * keeps it across notification waits only.) Faults travel the same way, as calls
 * whose message comes from the kernel (thread->fault_msg); their reply right is
 * a second one (receiver->fault_to), which a new call does not take: a reply
 * answers the call first, then the fault.
 *
 * Nobody waits on the dead (docs/reliability.md): a send or call to an endpoint
 * whose receiving component is dead returns PEER_DEAD; the supervisor wakes
 * the senders queued on it, and the callers waiting for its replies, with
 * PEER_DEAD (ipc_peer_gone); a reply to a caller that died or was restarted is
 * dropped, and `reply` says PEER_DEAD.
 */
#include <stddef.h>
#include <kernel/console.h>
#include <kernel/ipc.h>
#include <kernel/notification.h>
#include <kernel/sched.h>
#include <kernel/supervisor.h>
#include <kernel/thread.h>
#include <spec_limits.h>
#include <tessera/abi.h>

struct endpoint endpoints[SPEC_MAX_ENDPOINTS];

static void transfer(struct thread *from, struct thread *to, uint32_t badge)
{
    uintptr_t info, mr[MSG_REGISTER_WORDS];

    if (from->in_fault) {
        info = MSG_INFO(from->fault_msg.label, MSG_REGISTER_WORDS);
        for (unsigned i = 0; i < MSG_REGISTER_WORDS; i++)
            mr[i] = from->fault_msg.mr[i];
    } else {
        info = arch_syscall_arg(&from->ctx, SLOT_INFO) & ~(uintptr_t)MSG_NOTIFICATION_FLAG;
        for (unsigned i = 0; i < MSG_REGISTER_WORDS; i++)
            mr[i] = arch_syscall_arg(&from->ctx, SLOT_MR(i));
    }
    unsigned len = MSG_LENGTH(info);
    if (len > MSG_REGISTER_WORDS) {
        for (unsigned i = MSG_REGISTER_WORDS; i < len; i++)
            to->ipc_buffer[i] = from->ipc_buffer[i];
    }
    arch_syscall_set_result(&to->ctx, SLOT_ERROR, ERR_OK);
    arch_syscall_set_result(&to->ctx, SLOT_INFO, info);
    for (unsigned i = 0; i < MSG_REGISTER_WORDS; i++)
        arch_syscall_set_result(&to->ctx, SLOT_MR(i), mr[i]);
    arch_syscall_set_result(&to->ctx, SLOT_BADGE, badge);
}

int ipc_send(struct thread *t, struct endpoint *ep, uint32_t badge, unsigned flags)
{
    if (supervisor_endpoint_dead(ep))
        return ERR_PEER_DEAD;
    struct thread *r = tq_pop(&ep->receivers);
    if (r != NULL) {
        r->blocked_on = NULL;
        transfer(t, r, badge);
        if (flags & IPC_CALL) {
            reply_right_give(r, t);
            thread_block(t, THREAD_BLOCKED_REPLY);
        }
        thread_wake(r);
        return ERR_OK;
    }
    if (!(flags & IPC_BLOCK))
        return ERR_WOULD_BLOCK;
    t->send_badge = badge;
    t->send_is_call = (flags & IPC_CALL) != 0;
    t->blocked_on = ep;
    thread_block(t, THREAD_BLOCKED_SEND);
    tq_push(&ep->senders, t);
    return ERR_OK;
}

int ipc_recv(struct thread *t, struct endpoint *ep, int block)
{
    if (ntfn_take_bound(t))
        return ERR_OK;
    struct thread *s = tq_pop(&ep->senders);
    if (s != NULL) {
        s->blocked_on = NULL;
        transfer(s, t, s->send_badge);
        if (s->send_is_call || s->in_fault) {
            reply_right_give(t, s);
            s->state = THREAD_BLOCKED_REPLY;
        } else {
            arch_syscall_set_result(&s->ctx, SLOT_ERROR, ERR_OK);
            thread_wake(s);
        }
        return ERR_OK;
    }
    if (!block)
        return ERR_WOULD_BLOCK;
    t->blocked_on = ep;
    thread_block(t, THREAD_BLOCKED_RECV);
    tq_push(&ep->receivers, t);
    return ERR_OK;
}

/* The handler's answer to a fault: FAULT_RESUME with a new PC (and a new
 * result register and SP, when the length says so: FAULT_RESUME_MR_*) resumes
 * the thread; anything else leaves it stopped. */
static void fault_reply(struct thread *handler, struct thread *c)
{
    uintptr_t info = arch_syscall_arg(&handler->ctx, SLOT_INFO);
    unsigned len = MSG_LENGTH(info);

    if (c->vs->guest) {                 /* a vCPU's exit: the VMM's answer */
        uintptr_t mr[MSG_REGISTER_WORDS];
        for (unsigned i = 0; i < MSG_REGISTER_WORDS; i++)
            mr[i] = arch_syscall_arg(&handler->ctx, SLOT_MR(i));
        if (!arch_vcpu_reply(c, MSG_LABEL(info), len, mr)) {
            kprintf("fault: vCPU %s stopped by its VMM\n", c->spec->name);
            thread_stop(c, THREAD_FAULTED, EXIT_FAULT);
            return;
        }
        c->in_fault = 0;
        thread_wake(c);
        return;
    }
    if (MSG_LABEL(info) != FAULT_RESUME || len < 1) {
        kprintf("fault: thread %s left stopped by its fault handler\n", c->spec->name);
        thread_stop(c, THREAD_FAULTED, EXIT_FAULT);   /* in_fault: its PC stays the fault's */
        return;
    }
    c->in_fault = 0;
    arch_context_set_pc(&c->ctx, arch_syscall_arg(&handler->ctx, SLOT_MR(FAULT_RESUME_MR_PC)));
    if (len > FAULT_RESUME_MR_RESULT)
        arch_syscall_set_result(&c->ctx, SLOT_ERROR, arch_syscall_arg(&handler->ctx, SLOT_MR(FAULT_RESUME_MR_RESULT)));
    if (len > FAULT_RESUME_MR_SP)
        arch_context_set_sp(&c->ctx, arch_syscall_arg(&handler->ctx, SLOT_MR(FAULT_RESUME_MR_SP)));
    thread_wake(c);
}

int ipc_reply(struct thread *t)
{
    struct thread *c = reply_right(t);

    if (c == NULL) {
        int lost = t->reply_lost;
        t->reply_lost = 0;
        return lost ? ERR_PEER_DEAD : ERR_NO_REPLY;
    }
    reply_right_drop(t, c);
    t->reply_lost = 0;
    if (c->in_fault) {
        fault_reply(t, c);
        return ERR_OK;
    }
    transfer(t, c, 0);
    thread_wake(c);
    return ERR_OK;
}

int ipc_send_fault(struct thread *t, const struct fault_msg *m)
{
    t->fault_msg = *m;
    t->in_fault = 1;
    int err = ipc_send(t, t->fault_ep, t->fault_badge, IPC_BLOCK | IPC_CALL);
    if (err != ERR_OK)
        t->in_fault = 0;                    /* its handler is dead: nobody takes it */
    return err;
}

void ipc_peer_gone(struct thread *t)
{
    if (t->in_fault) {                      /* a fault that nobody will answer now */
        kprintf("fault: thread %s stopped: its fault handler is gone\n", t->spec->name);
        thread_stop(t, THREAD_FAULTED, EXIT_FAULT);
        return;
    }
    if (t->state == THREAD_BLOCKED_SEND)
        tq_remove(&((struct endpoint *)t->blocked_on)->senders, t);
    else if (t->state != THREAD_BLOCKED_REPLY)
        return;
    t->blocked_on = NULL;
    arch_syscall_set_result(&t->ctx, SLOT_ERROR, ERR_PEER_DEAD);
    thread_wake(t);
}

/* What a thread blocked in `state` re-issues when it is resumed: its own
 * call, whose number the ordinary path saved, except where a fast path may
 * have blocked it without saving it (docs/profiling.md): waiting for a reply
 * is only ever a `call`'s; a receive, a plain `recv` (a `reply_recv`'s reply
 * is done by then). */
static uintptr_t restart_number(const struct thread *t)
{
    switch (t->state) {
    case THREAD_BLOCKED_REPLY: return SYS_CALL;
    case THREAD_BLOCKED_RECV:  return SYS_RECV;
    default:                   return arch_syscall_number(&t->ctx);
    }
}

void ipc_cancel(struct thread *t)
{
    switch (t->state) {
    case THREAD_BLOCKED_SEND:
        tq_remove(&((struct endpoint *)t->blocked_on)->senders, t);
        break;
    case THREAD_BLOCKED_RECV:
        tq_remove(&((struct endpoint *)t->blocked_on)->receivers, t);
        break;
    case THREAD_BLOCKED_NTFN:
        tq_remove(&((struct notification *)t->blocked_on)->waiters, t);
        break;
    case THREAD_BLOCKED_REPLY:
        for (unsigned i = 0; i < spec_nthreads; i++)
            reply_right_drop(&threads[i], t);
        break;
    default:
        return;
    }
    t->blocked_on = NULL;
    if (t->in_fault)
        t->in_fault = 0;                    /* resumed, it re-executes and faults again */
    else                                    /* resumed, it re-issues its call */
        arch_syscall_restart(&t->ctx, restart_number(t));
}
