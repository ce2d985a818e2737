/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * Thread timers: each thread may have one, one-shot or periodic, that signals
 * its timer notification. Armed timers are kept in deadline order and checked
 * on every kernel tick.
 */
#ifndef KERNEL_TIMER_H
#define KERNEL_TIMER_H

#include <stdint.h>
#include <kernel/thread.h>

/* The armed timers' threads in deadline order (timer_next); only timer.c and
 * the ARM tick's fast path (arch/arm/fastpath.S) touch it. */
extern struct thread *timer_armed;

/* Arm (or with delay = period = 0, cancel) t's timer; times in counter ticks. */
void timer_arm(struct thread *t, uint64_t now, uint64_t delay, uint64_t period);

/* Signal every timer whose deadline is <= now; re-arm the periodic ones. */
void timer_expire(uint64_t now);

/* The earliest armed deadline, or UINT64_MAX (kernel/budget.c's timer event). */
uint64_t timer_next_deadline(void);

/* Whether any timer is armed (the idle loop asks before declaring a deadlock). */
int timer_any_armed(void);

#endif
