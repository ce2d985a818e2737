// SPDX-License-Identifier: BSD-2-Clause
/*
 * System-call dispatch. Every argument is a user register and is checked
 * before use: capability index, type and rights (cap_lookup), message length,
 * buffer pointers (thread_user_ptr). A bad call returns an error code in r0
 * and changes nothing else. An unknown call number is a fault for a thread that
 * has a fault endpoint, and ERR_INVALID_CALL for one that has not.
 */
#include <stdint.h>
#include <kernel/cap.h>
#include <kernel/console.h>
#include <kernel/ipc.h>
#include <kernel/kernel.h>
#include <kernel/notification.h>
#include <kernel/sched.h>
#include <kernel/thread.h>
#include <kernel/timer.h>
#include <kernel/vspace.h>
#include <spec_limits.h>
#include <tessera/abi.h>

#define ARG(i) arch_syscall_arg(&t->ctx, (i))

static int sys_debug_write(struct thread *t)
{
    uintptr_t buf = ARG(ARG_DEBUG_WRITE_BUF), len = ARG(ARG_DEBUG_WRITE_LEN);

    if (len > DEBUG_WRITE_MAX)
        return ERR_MESSAGE_TOO_LONG;
    const char *p = thread_user_ptr(t, buf, len, VSPACE_R);
    if (p == NULL)
        return ERR_BAD_ADDRESS;
    console_user_write((unsigned)(t->vs - vspaces), p, len);
    return ERR_OK;
}

static int sys_console_read(struct thread *t)
{
    uintptr_t buf = ARG(ARG_CONSOLE_READ_BUF), len = ARG(ARG_CONSOLE_READ_LEN);

    if (!console_input_owned() || t->vs != &vspaces[spec_console_input.vspace])
        return ERR_ILLEGAL_OPERATION;
    if (len > DEBUG_WRITE_MAX)
        len = DEBUG_WRITE_MAX;
    char *p = thread_user_ptr(t, buf, len, VSPACE_W);
    if (p == NULL)
        return ERR_BAD_ADDRESS;
    arch_syscall_set_result(&t->ctx, SLOT_INFO, console_read(p, len));
    return ERR_OK;
}

static int sys_tls_set(struct thread *t)
{
    t->tls = arch_set_tls(ARG(ARG_TLS_SET_BASE));
    return ERR_OK;
}

static int sys_yield(struct thread *t)
{
    sched_rotate(t);
    return ERR_OK;
}

/* The endpoint named by the capability slot, with `rights`, and a message
 * whose info fits. */
static int endpoint_arg(struct thread *t, unsigned rights, int has_message, struct endpoint **ep,
                        uint32_t *badge)
{
    const struct cap *c;
    int err = cap_lookup(t, ARG(SLOT_CAP), OBJ_ENDPOINT, rights, &c);

    if (err != ERR_OK)
        return err;
    if (has_message && MSG_LENGTH(ARG(SLOT_INFO)) > MSG_MAX_WORDS)
        return ERR_MESSAGE_TOO_LONG;
    *ep = &endpoints[c->object];
    *badge = c->badge;
    return ERR_OK;
}

static int sys_send(struct thread *t, unsigned rights, unsigned flags)
{
    struct endpoint *ep;
    uint32_t badge;
    int err = endpoint_arg(t, rights, 1, &ep, &badge);

    return err != ERR_OK ? err : ipc_send(t, ep, badge, flags);
}

static int sys_recv(struct thread *t, int block)
{
    struct endpoint *ep;
    uint32_t badge;
    int err = endpoint_arg(t, RIGHT_RECEIVE, 0, &ep, &badge);

    return err != ERR_OK ? err : ipc_recv(t, ep, block);
}

static int sys_reply_recv(struct thread *t)
{
    struct endpoint *ep;
    uint32_t badge;
    int err = endpoint_arg(t, RIGHT_RECEIVE, 1, &ep, &badge);

    if (err != ERR_OK)
        return err;
    (void)ipc_reply(t);          /* no reply right held: just receive */
    return ipc_recv(t, ep, 1);
}

static int sys_reply(struct thread *t)
{
    if (MSG_LENGTH(ARG(SLOT_INFO)) > MSG_MAX_WORDS)
        return ERR_MESSAGE_TOO_LONG;
    return ipc_reply(t);
}

static int notification_arg(struct thread *t, unsigned rights, const struct cap **c)
{
    return cap_lookup(t, ARG(SLOT_CAP), OBJ_NOTIFICATION, rights, c);
}

static int sys_signal(struct thread *t)
{
    const struct cap *c;
    int err = notification_arg(t, RIGHT_SIGNAL, &c);

    if (err == ERR_OK)
        ntfn_signal(&notifications[c->object], c->badge);
    return err;
}

static int sys_wait(struct thread *t, int block)
{
    const struct cap *c;
    int err = notification_arg(t, RIGHT_WAIT, &c);

    return err != ERR_OK ? err : ntfn_wait(t, &notifications[c->object], block);
}

static int sys_irq_ack(struct thread *t)
{
    const struct cap *c;
    int err = cap_lookup(t, ARG(SLOT_CAP), OBJ_IRQ, RIGHT_ACK, &c);

    if (err == ERR_OK)
        irq_ack(c->object);
    return err;
}

static int sys_timer_set(struct thread *t)
{
    uint64_t freq = arch_counter_freq();
    uint64_t delay = ARG(ARG_TIMER_SET_DELAY_US), period = ARG(ARG_TIMER_SET_PERIOD_US);

    if (t->timer_ntfn == NULL)
        return ERR_INVALID_ARGUMENT;
    timer_arm(t, arch_counter(), delay * freq / 1000000u, period * freq / 1000000u);
    return ERR_OK;
}

static int thread_arg(struct thread *t, struct thread **target)
{
    const struct cap *c;
    int err = cap_lookup(t, ARG(SLOT_CAP), OBJ_THREAD, RIGHT_CONTROL, &c);

    if (err == ERR_OK)
        *target = &threads[c->object];
    return err;
}

static int sys_thread_suspend(struct thread *t)
{
    struct thread *target;
    int err = thread_arg(t, &target);

    if (err != ERR_OK)
        return err;
    if (target->state == THREAD_EXITED || target->state == THREAD_FAULTED ||
        target->state == THREAD_SUSPENDED)
        return ERR_OK;
    if (target == t)
        arch_syscall_set_result(&t->ctx, SLOT_ERROR, ERR_OK);  /* its result when resumed */
    ipc_cancel(target);
    thread_block(target, THREAD_SUSPENDED);
    return ERR_OK;
}

static int sys_thread_resume(struct thread *t)
{
    struct thread *target;
    int err = thread_arg(t, &target);

    if (err != ERR_OK)
        return err;
    if (target->state != THREAD_SUSPENDED)
        return ERR_ILLEGAL_OPERATION;
    thread_wake(target);
    return ERR_OK;
}

static int sys_vcpu_inject(struct thread *t)
{
    struct thread *target;
    int err = thread_arg(t, &target);

    if (err != ERR_OK)
        return err;
    if (!target->vs->guest)
        return ERR_WRONG_TYPE;
    return arch_vcpu_inject(target, (unsigned)ARG(ARG_VCPU_INJECT_VIRQ));
}

static int sys_unknown(struct thread *t, uintptr_t number)
{
    if (t->fault_ep == NULL)
        return ERR_INVALID_CALL;
    const struct fault_msg m = {
        .label = FAULT_UNKNOWN_SYSCALL,
        .mr = { [FAULT_MR_DETAIL] = number, [FAULT_MR_PC] = arch_context_pc(&t->ctx) },
    };
    if (ipc_send_fault(t, &m) != ERR_OK)
        return ERR_INVALID_CALL;            /* its handler is dead: as if it had none */
    return ERR_OK;
}

_Noreturn void kernel_syscall(void)
{
    struct thread *t = current;
    uintptr_t number = arch_syscall_number(&t->ctx);
    int result;

    switch (number) {
    case SYS_DEBUG_WRITE:    result = sys_debug_write(t); break;
    case SYS_THREAD_EXIT:
        thread_stop(t, THREAD_EXITED, (int)ARG(ARG_THREAD_EXIT_STATUS));
        schedule();
    case SYS_TLS_SET:        result = sys_tls_set(t); break;
    case SYS_YIELD:          result = sys_yield(t); break;
    case SYS_CALL:           result = sys_send(t, RIGHT_SEND | RIGHT_GRANT, IPC_BLOCK | IPC_CALL); break;
    case SYS_REPLY_RECV:     result = sys_reply_recv(t); break;
    case SYS_SEND:           result = sys_send(t, RIGHT_SEND, IPC_BLOCK); break;
    case SYS_RECV:           result = sys_recv(t, 1); break;
    case SYS_NB_SEND:        result = sys_send(t, RIGHT_SEND, 0); break;
    case SYS_NB_RECV:        result = sys_recv(t, 0); break;
    case SYS_REPLY:          result = sys_reply(t); break;
    case SYS_SIGNAL:         result = sys_signal(t); break;
    case SYS_WAIT:           result = sys_wait(t, 1); break;
    case SYS_POLL:           result = sys_wait(t, 0); break;
    case SYS_IRQ_ACK:        result = sys_irq_ack(t); break;
    case SYS_TIMER_SET:      result = sys_timer_set(t); break;
    case SYS_THREAD_SUSPEND: result = sys_thread_suspend(t); break;
    case SYS_THREAD_RESUME:  result = sys_thread_resume(t); break;
    case SYS_VCPU_INJECT:    result = sys_vcpu_inject(t); break;
    case SYS_CONSOLE_READ:   result = sys_console_read(t); break;
    default:                 result = sys_unknown(t, number); break;
    }
    /* A call that blocked gets its real result when it is woken; until then
     * r0 = ERR_OK is only a placeholder that the wake-up overwrites. */
    if (t->state == THREAD_RUNNABLE || result != ERR_OK)
        arch_syscall_set_result(&t->ctx, SLOT_ERROR, (uintptr_t)result);
    schedule();
}
