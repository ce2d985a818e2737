// SPDX-License-Identifier: BSD-2-Clause
/*
 * Budgets: periodic replenishment, throttling and the timer event that makes
 * both exact (kernel/budget.h says what; docs/realtime.md why and what it
 * costs). The throttled threads wait in `released`, in release order; like
 * the timer list it is short (one entry per budgeted thread at most) and
 * only an insertion walks it.
 *
 * Bounded work: charging is a few compares and a subtraction; throttling one
 * thread is an insertion into the release list; releasing is, per thread
 * due, a refill and a queue insertion. Nothing allocates or loops over all
 * threads.
 */
#include <stddef.h>
#include <stdint.h>
#include <arch.h>
#include <kernel/budget.h>
#include <kernel/sched.h>
#include <kernel/timer.h>

unsigned budget_threads;

/* Throttled threads in order of their next replenishment. */
static struct thread *released;

void budget_configure(struct thread *t, uint64_t budget, uint64_t period, uint64_t now)
{
    if (t->budget == 0 && budget != 0)
        budget_threads++;
    else if (t->budget != 0 && budget == 0)
        budget_threads--;
    t->budget = budget;
    t->budget_period = period;
    t->budget_left = budget;
    t->budget_next = now + period;
    t->budget_since = now;
    t->throttled = 0;
    t->release_next = NULL;
}

void budget_init(struct thread *t, uint64_t now)
{
    const struct spec_thread *s = t->spec;
    uint64_t freq = arch_counter_freq();

    if (s->budget_us == 0 || s->period_us == 0)
        return;
    budget_configure(t, (uint64_t)s->budget_us * freq / 1000000u,
                     (uint64_t)s->period_us * freq / 1000000u, now);
}

/* The whole budget back, and the next replenishment a period on (a thread
 * that did not run for longer than a period starts a new phase at `now`). */
static void replenish(struct thread *t, uint64_t now)
{
    t->budget_left = t->budget;
    t->budget_next += t->budget_period;
    if (t->budget_next <= now)
        t->budget_next = now + t->budget_period;
}

static void throttle(struct thread *t)
{
    struct thread **p = &released;

    t->throttled = 1;
    sched_dequeue(t);                   /* a yield may have queued it already */
    while (*p != NULL && (*p)->budget_next <= t->budget_next)
        p = &(*p)->release_next;
    t->release_next = *p;
    *p = t;
}

void budget_charge(struct thread *t, uint64_t now)
{
    if (t == NULL || t->budget == 0 || t->throttled)
        return;
    uint64_t from = t->budget_since;
    if (now >= t->budget_next) {        /* a replenishment fell inside this run */
        if (from < t->budget_next)
            from = t->budget_next;
        replenish(t, now);
    }
    uint64_t used = now > from ? now - from : 0;
    t->budget_since = now;
    if (used < t->budget_left) {
        t->budget_left -= used;
        return;
    }
    t->budget_left = 0;
    throttle(t);
}

void budget_release(uint64_t now)
{
    while (released != NULL && released->budget_next <= now) {
        struct thread *t = released;
        released = t->release_next;
        t->release_next = NULL;
        t->throttled = 0;
        replenish(t, now);
        if (t->state == THREAD_RUNNABLE)
            sched_wake(t);
    }
}

void budget_enter(struct thread *t, uint64_t now)
{
    uint64_t when = timer_next_deadline();

    if (t != NULL && t->budget != 0) {
        if (now >= t->budget_next)
            replenish(t, now);
        t->budget_since = now;
        if (now + t->budget_left < when)
            when = now + t->budget_left;
    }
    if (released != NULL && released->budget_next < when)
        when = released->budget_next;
    arch_timer_event(when);
}

void budget_timer_armed(struct thread *t, uint64_t first, uint64_t period)
{
    if (t->budget != 0 && period == t->budget_period && !t->throttled)
        t->budget_next = first;
}

void budget_clear(void)
{
    released = NULL;
    budget_threads = 0;
}

int budget_any_throttled(void)
{
    return released != NULL;
}

void kernel_timer_event(void)
{
    uint64_t now = arch_counter();

    if (!budgets_on())
        return;
    budget_charge(current, now);
    budget_release(now);
    timer_expire(now);
}
