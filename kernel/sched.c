// SPDX-License-Identifier: BSD-2-Clause
/*
 * The scheduler: 256 fixed priority levels, each a FIFO of runnable threads,
 * and a two-level bitmap (8 words of 32 bits, plus a word that says which of
 * them is non-empty) so that the highest non-empty level is two
 * count-leading-zeros away. Round robin rotates the running level on each tick.
 *
 * Scheduling is lazy (the invariants are in kernel/sched.h): the running thread,
 * `current`, is in no run queue, so that blocking it and waking the thread that
 * runs instead touch no queue. schedule() puts it back at the head of its level
 * when another thread is to run while it is still runnable, and takes the thread
 * it picks off its level.
 */
#include <stddef.h>
#include <kernel/budget.h>
#include <kernel/sched.h>
#include <kernel/console.h>
#include <kernel/kernel.h>
#include <kernel/system.h>
#include <kernel/timer.h>
#include <tessera/abi.h>

struct sched_state sched_state;

/* A thread woken in this kernel entry that is to run next (sched_wake()): kept
 * out of the queues, so that schedule() switches to it without queueing it and
 * taking it off again. NULL outside a kernel entry. */
static struct thread *chosen;

static void mark(unsigned prio)
{
    sched_state.level_bits[prio / 32] |= 1u << (prio % 32);
    sched_state.level_words |= 1u << (prio / 32);
    if (prio + 1 > sched_state.top)
        sched_state.top = prio + 1;
}

/* The highest non-empty level (level_words != 0). */
static unsigned highest(void)
{
    unsigned word = 31u - (unsigned)__builtin_clz(sched_state.level_words);

    return word * 32 + 31u - (unsigned)__builtin_clz(sched_state.level_bits[word]);
}

static void unmark_if_empty(unsigned prio)
{
    if (sched_state.queue[prio].head != NULL)
        return;
    sched_state.level_bits[prio / 32] &= ~(1u << (prio % 32));
    if (sched_state.level_bits[prio / 32] == 0)
        sched_state.level_words &= ~(1u << (prio / 32));
    sched_state.top = sched_state.level_words != 0 ? highest() + 1 : 0;
}

/* Some thread is queued at `prio` or above. */
static int queued_from(unsigned prio)
{
    unsigned word = prio / 32;

    return sched_state.level_bits[word] >> (prio % 32) != 0 ||
           (uint64_t)sched_state.level_words >> word >> 1 != 0;
}

/* Some thread is queued at a priority above `prio`. */
static int queued_above(unsigned prio)
{
    return prio < 255 && queued_from(prio + 1);
}

void sched_enqueue(struct thread *t)
{
    struct run_queue *q = &sched_state.queue[t->priority];

    t->next = NULL;
    if (q->tail != NULL)
        q->tail->next = t;
    else
        q->head = t;
    q->tail = t;
    mark(t->priority);
}

/* In its level's queue: linked to a successor, or the level's tail. */
static int queued(const struct thread *t)
{
    return t->next != NULL || sched_state.queue[t->priority].tail == t;
}

/* At the head of its level: a runnable thread that was running and is to wait
 * for a higher one goes back where it was. */
static void enqueue_head(struct thread *t)
{
    struct run_queue *q = &sched_state.queue[t->priority];

    t->next = q->head;
    if (q->head == NULL)
        q->tail = t;
    q->head = t;
    mark(t->priority);
}

void sched_wake(struct thread *t)
{
    struct thread *c = current;

    if (t == chosen || budget_throttled(t))    /* a throttled thread waits for its release */
        return;
    /* It runs next if it is above every queued thread, the running one (if
     * that is still runnable) and any other chosen in this entry; only while
     * a thread runs (at boot and when idle, schedule() picks from the queues). */
    if (c != NULL && !queued_from(t->priority) &&
        (c->state != THREAD_RUNNABLE || t->priority > c->priority) &&
        (chosen == NULL || t->priority > chosen->priority)) {
        if (chosen != NULL)
            sched_enqueue(chosen);
        chosen = t;
        return;
    }
    sched_enqueue(t);
}

void sched_dequeue(struct thread *t)
{
    struct run_queue *q = &sched_state.queue[t->priority];
    struct thread **link = &q->head, *prev = NULL;

    if (!queued(t))
        return;                         /* current, or not runnable */

    while (*link != NULL && *link != t) {
        prev = *link;
        link = &(*link)->next;
    }
    if (*link == NULL)
        return;
    *link = t->next;
    if (q->tail == t)
        q->tail = prev;
    t->next = NULL;
    unmark_if_empty(t->priority);
}

struct thread *sched_pick(void)
{
    if (sched_state.level_words == 0)
        return NULL;
    return sched_state.queue[highest()].head;
}

void sched_rotate(struct thread *t)
{
    /* The back of its level, with a fresh slice. The running thread is in no
     * queue: alone at its level it just runs on, unqueued. */
    t->slice_left = t->spec->timeslice_ticks;
    if (queued(t))
        sched_dequeue(t);
    else if (sched_state.queue[t->priority].head == NULL)
        return;
    sched_enqueue(t);
}

void sched_tick(void)
{
    struct thread *t = current;

    /* Round robin: when its slice is used up, the running thread goes to the
     * back of its level. */
    if (t == NULL || t->state != THREAD_RUNNABLE || budget_throttled(t))
        return;
    if (t->slice_left > 1) {
        t->slice_left--;
        return;
    }
    sched_rotate(t);
}

void sched_init(void)
{
    for (unsigned i = 0; i < 256; i++)
        sched_state.queue[i].head = sched_state.queue[i].tail = NULL;
    for (unsigned i = 0; i < 8; i++)
        sched_state.level_bits[i] = 0;
    sched_state.level_words = 0;
    sched_state.top = 0;
}

/* Budgets (kernel/budget.h): note when `t` starts running and arm the next
 * timer event; nothing in a system without budgets. */
static inline void enter(struct thread *t)
{
    if (budgets_on())
        budget_enter(t, arch_counter());
    if (t != NULL)
        arch_enter_user(t);
}

_Noreturn void schedule(void)
{
    struct thread *prev = current, *next = chosen;

    chosen = NULL;
    if (budgets_on())                   /* charge the thread leaving the CPU (or staying) */
        budget_charge(prev, arch_counter());
    if (next != NULL && (next->state != THREAD_RUNNABLE || budget_throttled(next)))
        next = NULL;                    /* blocked again, or throttled, in the same entry */

    /* Lazy scheduling: a running thread that is still runnable runs on, in no
     * queue, unless a queued thread is above it (S2: those at its level come
     * after it); then it rejoins its level at the head, where it was. One that
     * sched_rotate() has queued at the back is picked like any other. */
    if (prev != NULL && prev != next && prev->state == THREAD_RUNNABLE && !queued(prev) &&
        !budget_throttled(prev)) {
        if (next == NULL && !queued_above(prev->priority) && !system_finished())
            enter(prev);
        enqueue_head(prev);
    }
    if (next != NULL) {
        if (!system_finished()) {
            current = next;
            enter(next);
        }
        sched_enqueue(next);
    }
    for (;;) {
        if (system_finished())
            system_end();
        struct thread *t = sched_pick();
        if (t != NULL) {
            sched_dequeue(t);           /* the running thread is in no queue */
            current = t;
            enter(t);
        }
        current = NULL;
        if (spec_nirqs == 0 && !timer_any_armed() && !arch_vcpu_present() &&
            !console_input_owned() && !(budgets_on() && budget_any_throttled()))
            system_deadlock();
        enter(NULL);                    /* budgets: the next release or timer, exactly */
        arch_wait_for_interrupt();
    }
}
