// SPDX-License-Identifier: BSD-2-Clause
/*
 * The system's end. The system ends when every control thread has finished
 * (exited or faulted), counted as threads stop, so that scheduling never
 * scans threads. Its exit status is the first non-zero run() result, else
 * EXIT_FAULT if any thread faulted, else 0. A system in which nothing can run
 * and nothing can wake a thread is a deadlock, reported rather than left idle.
 */
#include <kernel/console.h>
#include <kernel/kernel.h>
#include <kernel/system.h>
#include <kernel/thread.h>
#include <tessera/abi.h>

unsigned system_controls_left;
int system_has_control;
static int first_status;
static int any_fault;

void system_init(void)
{
    system_controls_left = 0;
    system_has_control = 0;
    first_status = 0;
    any_fault = 0;
}

void system_count_control(void)
{
    system_controls_left++;
    system_has_control = 1;
}

void system_thread_finished(const struct thread *t)
{
    if (t->state == THREAD_FAULTED)
        any_fault = 1;
    if (!t->spec->control)
        return;
    system_controls_left--;
    if (t->state == THREAD_EXITED && first_status == 0)
        first_status = t->exit_status;
}

/* The first non-zero run() result, else FAULT if any thread faulted, else 0. */
static int system_status(void)
{
    return first_status != 0 ? first_status : any_fault ? EXIT_FAULT : 0;
}

_Noreturn void system_end(void)
{
    int status = system_status();
    kprintf("system: all control threads finished, status %d\n", status);
    arch_system_exit(status);
}

static const char *const state_names[] = {
    "inactive", "runnable", "blocked sending", "blocked receiving", "waiting for a reply",
    "waiting on a notification", "suspended", "exited", "faulted",
    "waiting for an interrupt (vCPU)",
};

_Noreturn void system_deadlock(void)
{
    kprintf("\nsystem: deadlock: no thread can run and nothing can wake one\n");
    for (unsigned i = 0; i < spec_nthreads; i++) {
        const struct thread *t = &threads[i];
        if (t->state != THREAD_EXITED)
            kprintf("  %s: %s\n", t->spec->name, state_names[t->state]);
    }
    arch_system_exit(EXIT_DEADLOCK);
}
