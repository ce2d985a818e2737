/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * The system as a whole: it ends when every control thread has finished
 * (exited or faulted), with an exit status formed as kernel/api.yaml's
 * `exit_status` says; a system in which nothing can ever run again is
 * reported as a deadlock. schedule() asks; threads report as they stop.
 */
#ifndef KERNEL_SYSTEM_H
#define KERNEL_SYSTEM_H

#include <kernel/thread.h>

/* No control threads counted yet, no status; boot, before any thread is
 * created (and the unit tests, between cases). */
void system_init(void);

/* Boot: one more control thread the system waits for. */
void system_count_control(void);

/* `t` has just stopped for good (EXITED or FAULTED): account for it. */
void system_thread_finished(const struct thread *t);

/* Control threads still running, and whether the spec has any. Written only
 * by system.c; read inline by schedule() on every pass. */
extern unsigned system_controls_left;
extern int system_has_control;

/* Every control thread has finished: the system is over. */
static inline int system_finished(void)
{
    return system_controls_left == 0 && system_has_control;
}

/* End the system with its status, reported on the console. */
_Noreturn void system_end(void);

/* Nothing can run and nothing (timer or interrupt) can ever wake a thread:
 * say which threads are stuck where, and stop with EXIT_DEADLOCK. */
_Noreturn void system_deadlock(void);

#endif
