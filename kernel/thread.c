// SPDX-License-Identifier: BSD-2-Clause
/*
 * Threads, created once at boot from the spec in the address spaces that
 * vspace.c has created: each gets its entry point, stack, IPC buffer,
 * priority and links to its notification, timer and fault endpoint. Thread
 * queues, and the state changes every kernel object uses (wake, block, stop).
 */
#include <stddef.h>
#include <stdint.h>
#include <kernel/budget.h>
#include <kernel/console.h>
#include <kernel/ipc.h>
#include <kernel/notification.h>
#include <kernel/sched.h>
#include <kernel/system.h>
#include <kernel/thread.h>
#include <kernel/timer.h>
#include <kernel/vspace.h>
#include <spec_limits.h>
#include <tessera/abi.h>

struct thread threads[SPEC_MAX_THREADS];
struct thread *current;

static struct notification *ntfn_or_null(uint16_t index)
{
    return index == SPEC_NONE ? NULL : &notifications[index];
}

static void thread_create(struct thread *t, const struct spec_thread *s)
{
    t->spec = s;
    t->vs = &vspaces[s->vspace];
    t->priority = s->priority;
    t->slice_left = s->timeslice_ticks;
    t->fault_ep = s->fault_endpoint == SPEC_NONE ? NULL : &endpoints[s->fault_endpoint];
    t->fault_badge = s->fault_badge;
    if (t->vs->guest) {                 /* a vCPU: no IPC buffer; the VMM starts it */
        arch_vcpu_init(t);
        budget_init(t, arch_counter());
        t->state = THREAD_SUSPENDED;
        return;
    }
    t->ipc_buffer = thread_user_ptr(t, s->ipc_buffer, LAYOUT_PAGE_SIZE, VSPACE_R | VSPACE_W);
    if (t->ipc_buffer == NULL)          /* IPC copies MR4 onwards through it unchecked */
        panic(EXIT_KERNEL_PANIC, "spec: thread %s has no read-write IPC buffer page at 0x%08lx",
              s->name, (unsigned long)s->ipc_buffer);
    t->bound = ntfn_or_null(s->bound_notification);
    if (t->bound != NULL)
        t->bound->bound = t;
    t->timer_ntfn = ntfn_or_null(s->timer_notification);
    t->timer_badge = s->timer_badge;
    arch_context_init(&t->ctx, t->vs, s->entry, s->stack_top, s->arg, s->ipc_buffer);
    budget_init(t, arch_counter());
    if (s->control)
        system_count_control();
    thread_wake(t);
}

void thread_create_all(void)
{
    for (unsigned i = 0; i < spec_nthreads; i++)
        thread_create(&threads[i], &spec_threads[i]);
}

void thread_restart(struct thread *t)
{
    const struct spec_thread *s = t->spec;

    t->priority = s->priority;
    t->slice_left = s->timeslice_ticks;
    t->tls = 0;
    t->exit_status = 0;
    t->queue_next = NULL;
    t->blocked_on = NULL;
    t->send_badge = 0;
    t->send_is_call = 0;
    t->in_fault = 0;
    reply_right_drop(t, NULL);
    t->reply_lost = 0;
    arch_context_init(&t->ctx, t->vs, s->entry, s->stack_top, s->arg, s->ipc_buffer);
    thread_wake(t);
}

void thread_wake(struct thread *t)
{
    t->state = THREAD_RUNNABLE;
    if (t->slice_left == 0)
        t->slice_left = t->spec->timeslice_ticks;
    sched_wake(t);
}

void thread_block(struct thread *t, enum thread_state state)
{
    if (t->state == THREAD_RUNNABLE)
        sched_dequeue(t);
    t->state = state;
}

void thread_stop(struct thread *t, enum thread_state state, int status)
{
    ipc_cancel(t);
    timer_arm(t, 0, 0, 0);              /* a dead thread's timer must not keep the system awake */
    thread_block(t, state);
    t->exit_status = status;
    system_thread_finished(t);
}

void *thread_user_ptr(const struct thread *t, uintptr_t va, size_t len, unsigned rights)
{
    return vspace_user_ptr(t->vs, va, len, rights);
}

void tq_push(struct thread_queue *q, struct thread *t)
{
    t->queue_next = NULL;
    if (q->head != NULL)
        q->tail->queue_next = t;
    else
        q->head = t;
    q->tail = t;
}

struct thread *tq_pop(struct thread_queue *q)
{
    struct thread *t = q->head;

    if (t == NULL)
        return NULL;
    q->head = t->queue_next;
    if (q->head == NULL)
        q->tail = NULL;
    t->queue_next = NULL;
    return t;
}

int tq_remove(struct thread_queue *q, struct thread *t)
{
    struct thread *prev = NULL;

    for (struct thread *p = q->head; p != NULL; prev = p, p = p->queue_next) {
        if (p != t)
            continue;
        if (prev != NULL)
            prev->queue_next = p->queue_next;
        else
            q->head = p->queue_next;
        if (q->tail == p)
            q->tail = prev;
        p->queue_next = NULL;
        return 1;
    }
    return 0;
}
