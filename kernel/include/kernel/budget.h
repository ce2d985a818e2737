/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * Budgets (docs/realtime.md): a thread may have a budget of execution time per
 * period, both from the spec (spec_thread.budget_us, .period_us). It is
 * charged, on the system counter, for the time from when the kernel last
 * entered it to when the kernel next decides what runs (the tick, a budget or
 * timer event, schedule()), kernel time on its behalf included. When its
 * budget is used up it is throttled: out of the run queues, whatever its
 * state, until its next replenishment, which gives the whole budget back
 * at a fixed period (periodic replenishment; aligned to the thread's own
 * periodic timer when that has the same period). A throttled thread that
 * blocks or is suspended stays throttled; one woken before its release
 * waits for it.
 *
 * Precision: the kernel arms a one-shot timer event (arch_timer_event) for
 * the earliest of the running thread's budget running out, the next
 * release and the next thread timer, so budgets, releases and thread timers
 * are exact to the counter, not to the 1 ms tick, in a system with budgets.
 * A system without any does none of this (budgets_on() below).
 */
#ifndef KERNEL_BUDGET_H
#define KERNEL_BUDGET_H

#include <stdint.h>
#include <kernel/thread.h>
#include <spec_limits.h>        /* SPEC_BUDGETS */

/* How many threads have a budget. */
extern unsigned budget_threads;

/* The kernel is compiled per system: without budgets (no SPEC_BUDGETS in
 * the generated spec_limits.h) both are constant 0 and the compiler drops
 * every budget hook from the scheduler, the tick and the timers, so such a
 * system runs exactly the instructions it ran before budgets existed. */
#ifdef SPEC_BUDGETS
static inline int budgets_on(void) { return budget_threads != 0; }
static inline int budget_throttled(const struct thread *t) { return t->throttled; }
#else
static inline int budgets_on(void) { return 0; }
static inline int budget_throttled(const struct thread *t) { (void)t; return 0; }
#endif

/* Give `t` a budget of `budget` counter ticks every `period` ticks from `now`
 * (budget 0: none). thread_create() calls it with the spec's values. */
void budget_configure(struct thread *t, uint64_t budget, uint64_t period, uint64_t now);

/* The spec's budget of `t` (microseconds, converted at the counter's rate). */
void budget_init(struct thread *t, uint64_t now);

/* Charge `t` (running until `now`) and throttle it if its budget is used up. */
void budget_charge(struct thread *t, uint64_t now);

/* Give every throttled thread whose replenishment is due its budget back,
 * and queue those that are runnable. */
void budget_release(uint64_t now);

/* `t` is about to run (NULL: the kernel is about to idle): note when it
 * started and arm the next timer event. */
void budget_enter(struct thread *t, uint64_t now);

/* t's timer was armed: a periodic timer of t's own budget period moves its
 * replenishments onto the timer's releases. */
void budget_timer_armed(struct thread *t, uint64_t first, uint64_t period);

/* No budgets, nobody throttled: the unit tests, between cases. */
void budget_clear(void);

/* Whether some throttled thread waits for its release (not a deadlock). */
int budget_any_throttled(void);

/* A timer event that is not a tick (arch timer driver): charge the running
 * thread, release throttled threads and expire thread timers. */
void kernel_timer_event(void);

#endif
