// SPDX-License-Identifier: BSD-2-Clause
/*
 * The scheduler: 256 fixed priority levels, each a FIFO of runnable threads,
 * and a two-level bitmap (8 words of 32 bits, plus a word that says which of
 * them is non-empty) so that the highest non-empty level is two
 * count-leading-zeros away. Round robin rotates the running level on each tick.
 */
#include <stddef.h>
#include <kernel/sched.h>
#include <kernel/console.h>
#include <kernel/kernel.h>
#include <kernel/system.h>
#include <kernel/timer.h>
#include <tessera/abi.h>

struct sched_state sched_state;

static void mark(unsigned prio)
{
    sched_state.level_bits[prio / 32] |= 1u << (prio % 32);
    sched_state.level_words |= 1u << (prio / 32);
}

static void unmark_if_empty(unsigned prio)
{
    if (sched_state.queue[prio].head != NULL)
        return;
    sched_state.level_bits[prio / 32] &= ~(1u << (prio % 32));
    if (sched_state.level_bits[prio / 32] == 0)
        sched_state.level_words &= ~(1u << (prio / 32));
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

void sched_dequeue(struct thread *t)
{
    struct run_queue *q = &sched_state.queue[t->priority];
    struct thread **link = &q->head, *prev = NULL;

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
    unsigned word = 31u - (unsigned)__builtin_clz(sched_state.level_words);
    unsigned bit = 31u - (unsigned)__builtin_clz(sched_state.level_bits[word]);
    return sched_state.queue[word * 32 + bit].head;
}

void sched_rotate(struct thread *t)
{
    /* The back of its level, with a fresh slice. */
    t->slice_left = t->spec->timeslice_ticks;
    if (sched_state.queue[t->priority].head == sched_state.queue[t->priority].tail)
        return;
    sched_dequeue(t);
    sched_enqueue(t);
}

void sched_tick(void)
{
    struct thread *t = current;

    /* Round robin: when its slice is used up, the running thread goes to the
     * back of its level. */
    if (t == NULL || t->state != THREAD_RUNNABLE)
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
}

_Noreturn void schedule(void)
{
    for (;;) {
        if (system_finished())
            system_end();
        struct thread *t = sched_pick();
        if (t != NULL) {
            current = t;
            arch_enter_user(t);
        }
        current = NULL;
        if (spec_nirqs == 0 && !timer_any_armed())
            system_deadlock();
        arch_wait_for_interrupt();
    }
}
