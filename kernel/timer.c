// SPDX-License-Identifier: BSD-2-Clause
/*
 * Thread timers: a list of armed timers in deadline order, checked on every
 * kernel tick, so a timer's resolution is one tick.
 */
#include <stddef.h>
#include <kernel/budget.h>
#include <kernel/notification.h>
#include <kernel/timer.h>

/* The armed timers' threads, earliest deadline first (arm_fastpath_irq reads
 * it too). */
struct thread *timer_armed;

static void unlink(struct thread *t)
{
    for (struct thread **p = &timer_armed; *p != NULL; p = &(*p)->timer_next) {
        if (*p == t) {
            *p = t->timer_next;
            break;
        }
    }
    t->timer_next = NULL;
}

static void insert(struct thread *t)
{
    struct thread **p = &timer_armed;

    while (*p != NULL && (*p)->timer_deadline <= t->timer_deadline)
        p = &(*p)->timer_next;
    t->timer_next = *p;
    *p = t;
}

void timer_arm(struct thread *t, uint64_t now, uint64_t delay, uint64_t period)
{
    unlink(t);
    t->timer_deadline = 0;
    t->timer_period = period;
    if (delay == 0 && period == 0)
        return;
    t->timer_deadline = now + (delay != 0 ? delay : period);
    insert(t);
    if (budgets_on())
        budget_timer_armed(t, t->timer_deadline, period);
}

void timer_expire(uint64_t now)
{
    while (timer_armed != NULL && timer_armed->timer_deadline <= now) {
        struct thread *t = timer_armed;
        timer_armed = t->timer_next;
        t->timer_next = NULL;
        if (t->timer_period != 0) {
            t->timer_deadline += t->timer_period;
            if (t->timer_deadline <= now)       /* fell behind: skip, do not storm */
                t->timer_deadline = now + t->timer_period;
            insert(t);
        } else {
            t->timer_deadline = 0;
        }
        ntfn_signal(t->timer_ntfn, t->timer_badge);
    }
}

uint64_t timer_next_deadline(void)
{
    return timer_armed != NULL ? timer_armed->timer_deadline : UINT64_MAX;
}

int timer_any_armed(void)
{
    return timer_armed != NULL;
}
