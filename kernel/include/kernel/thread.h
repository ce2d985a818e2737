/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * Threads: a user register context, a priority and time slice, a state, the
 * address space it runs in (kernel/vspace.h), and its IPC, notification, timer
 * and fault links. Threads are created from the spec at boot
 * (thread_create_all) and never allocated afterwards.
 */
#ifndef KERNEL_THREAD_H
#define KERNEL_THREAD_H

#include <stdint.h>
#include <arch.h>
#include <kernel/spec.h>
#include <kernel/vspace.h>
#include <tessera/abi.h>

enum thread_state {
    THREAD_INACTIVE = 0,
    THREAD_RUNNABLE,
    THREAD_BLOCKED_SEND,         /* in an endpoint's send queue */
    THREAD_BLOCKED_RECV,         /* in an endpoint's receive queue */
    THREAD_BLOCKED_REPLY,        /* its call was received; waiting for the reply */
    THREAD_BLOCKED_NTFN,         /* in a notification's wait queue */
    THREAD_SUSPENDED,
    THREAD_EXITED,
    THREAD_FAULTED,
    THREAD_BLOCKED_WFI,          /* a vCPU waiting for a virtual interrupt */
};

struct thread;

/* A FIFO of threads, linked through thread->queue_next. */
struct thread_queue {
    struct thread *head, *tail;
};

struct endpoint;
struct notification;

/* A fault message as the kernel builds it: its label (FAULT_*) and the
 * message registers, each a full register-wide word (FAULT_MR_* says which
 * holds what), so that an address arrives whole on every architecture. */
struct fault_msg {
    uintptr_t label;
    uintptr_t mr[MSG_REGISTER_WORDS];
};

struct thread {
    struct arch_context ctx;     /* first: the trap entry saves registers here */
    const struct spec_thread *spec;
    struct vspace *vs;
    enum thread_state state;
    uint8_t priority;
    uint16_t slice_left;         /* ticks left in this time slice */
    uintptr_t tls;
    int exit_status;
    struct thread *next;         /* run-queue link */

    /* IPC */
    struct thread *queue_next;   /* endpoint or notification queue link; only while in a queue */
    void *blocked_on;            /* the endpoint or notification it waits on; only while
                                    BLOCKED_SEND, BLOCKED_RECV or BLOCKED_NTFN */
    uint32_t send_badge;         /* badge of the capability it sends with */
    uint8_t send_is_call;        /* a call: the receiver gets a reply right */
    uint8_t in_fault;            /* its pending message is a fault message */
    struct fault_msg fault_msg;  /* its pending fault message, when in_fault */
    /* One-shot reply rights: to the caller whose call this thread received
     * last (reply_to), and to the thread whose fault message it received last
     * (fault_to, below: the fast paths never touch it). A reply answers the
     * call first. Apart, so that the fast paths' one test of reply_to also
     * says the reply is an ordinary one. */
    struct thread *reply_to;
    uintptr_t *ipc_buffer;       /* kernel pointer to its IPC buffer, one word per message word (never NULL: checked at boot) */
    struct notification *bound;  /* bound notification */
    struct endpoint *fault_ep;
    uint32_t fault_badge;

    /* Timer */
    struct notification *timer_ntfn;
    uint32_t timer_badge;
    uint64_t timer_deadline;     /* counter value; 0 when disarmed */
    uint64_t timer_period;       /* counter ticks; 0 for one-shot */
    struct thread *timer_next;

    /* The supervisor's (kernel/supervisor.c) */
    uint8_t reply_lost;          /* the caller it held a reply right for died or was restarted */
    /* Budget (kernel/budget.c); counter ticks, budget 0: none */
    uint64_t budget, budget_period;
    uint64_t budget_left;        /* left in this period */
    uint64_t budget_next;        /* counter value of the next replenishment */
    uint64_t budget_since;       /* charged up to this counter value */
    uint8_t throttled;           /* budget used up: in no run queue until released */
    struct thread *release_next; /* the throttled threads, in release order */

    struct thread *fault_to;     /* the reply right for a fault (reply_to, above) */
};

extern struct thread *current;
extern struct thread threads[];   /* one per spec_threads entry */

/* Create every thread of the spec; boot only, after vspace_create_all(). */
void thread_create_all(void);

/* Make `t` runnable (and queue it). */
void thread_wake(struct thread *t);

/* Take `t` out of whatever queue it is in and leave it in `state`. */
void thread_block(struct thread *t, enum thread_state state);

/* Stop `t` for good in `state` (EXITED or FAULTED) with `status`. */
void thread_stop(struct thread *t, enum thread_state state, int status);

/* Start `t` again from its spec as at boot (entry point, stack, argument,
 * priority, no IPC or timer state) and make it runnable. `t` must be in no
 * queue and not runnable: the supervisor has cancelled it. */
void thread_restart(struct thread *t);

/* A user range [va, va+len) of `t` with `rights`, as a kernel pointer, or NULL
 * (vspace_user_ptr() of its address space). */
void *thread_user_ptr(const struct thread *t, uintptr_t va, size_t len, unsigned rights);

/* The thread a reply from `t` goes to (its caller, else a faulted thread),
 * or NULL. */
static inline struct thread *reply_right(const struct thread *t)
{
    return t->reply_to != NULL ? t->reply_to : t->fault_to;
}

/* `t` has received `c`'s call or fault message: the right to reply to it
 * replaces the one of the same kind `t` held. */
static inline void reply_right_give(struct thread *t, struct thread *c)
{
    if (c->in_fault)
        t->fault_to = c;
    else
        t->reply_to = c;
}

/* `t` gives up its right to reply to `c` (one of its two), or both when `c`
 * is NULL. */
static inline void reply_right_drop(struct thread *t, const struct thread *c)
{
    if (c == NULL || t->reply_to == c)
        t->reply_to = NULL;
    if (c == NULL || t->fault_to == c)
        t->fault_to = NULL;
}

/* Thread queues (FIFO). A queue is empty when its head is NULL; its tail is
 * only meaningful when it is not (the x86_64 fast path takes the last thread
 * off without clearing it), and a thread's queue_next only while it is in
 * a queue. */
void tq_push(struct thread_queue *q, struct thread *t);
struct thread *tq_pop(struct thread_queue *q);
int tq_remove(struct thread_queue *q, struct thread *t);

#endif
