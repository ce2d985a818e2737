// SPDX-License-Identifier: BSD-2-Clause
/*
 * The shared test harness of unit.h. The kernel keeps its scheduler and timer
 * lists in static variables with no reset; unit_clear() empties them through
 * the kernel's own functions, so that a broken dequeue shows as a failure here
 * rather than as state leaking into the next test.
 */
#include <stdlib.h>
#include <string.h>
#include <kernel/budget.h>
#include <kernel/ipc.h>
#include <kernel/notification.h>
#include <kernel/sched.h>
#include <kernel/supervisor.h>
#include <kernel/system.h>
#include <kernel/timer.h>
#include <kernel/vspace.h>
#include <spec_limits.h>
#include "unit.h"

#define MAX_RUNNABLE 32

void unit_clear(void)
{
    for (unsigned i = 0; i < SPEC_MAX_THREADS; i++)
        timer_arm(&threads[i], 0, 0, 0);
    sched_init();
    system_init();
    budget_clear();
    assert_false(timer_any_armed());
    memset(threads, 0, sizeof(struct thread) * SPEC_MAX_THREADS);
    memset(endpoints, 0, sizeof(struct endpoint) * SPEC_MAX_ENDPOINTS);
    memset(notifications, 0, sizeof(struct notification) * SPEC_MAX_NOTIFICATIONS);
    memset(vspaces, 0, sizeof(struct vspace) * SPEC_MAX_VSPACES);
    current = NULL;
    fake_arch_reset();
    fake_spec_reset();
}

int unit_setup(void **state)
{
    (void)state;
    unit_clear();
    vspace_create_all();
    thread_create_all();
    supervisor_init();
    return 0;
}

unsigned unit_run_order(struct thread *out[], unsigned max)
{
    unsigned n = 0;
    struct thread *t;

    while ((t = sched_pick()) != NULL) {
        assert_true(n < max);
        out[n++] = t;
        sched_dequeue(t);
    }
    for (unsigned i = 0; i < n; i++)
        sched_enqueue(out[i]);
    return n;
}

void unit_assert_run_order_at(const char *file, int line, unsigned n, ...)
{
    struct thread *got[MAX_RUNNABLE];
    unsigned have = unit_run_order(got, MAX_RUNNABLE);
    va_list ap;

    _assert_int_equal(have, n, file, line);
    va_start(ap, n);
    for (unsigned i = 0; i < n; i++) {
        struct thread *want = va_arg(ap, struct thread *);
        if (got[i] != want) {
            va_end(ap);
            _fail(file, line);
        }
    }
    va_end(ap);
}

void unit_set_message(struct thread *t, uintptr_t info, uintptr_t mr0, uintptr_t mr1,
                      uintptr_t mr2, uintptr_t mr3)
{
    t->ctx.r[1] = info;
    t->ctx.r[2] = mr0;
    t->ctx.r[3] = mr1;
    t->ctx.r[4] = mr2;
    t->ctx.r[5] = mr3;
}

void unit_filter_from_env(void)
{
    const char *pattern = getenv("UNIT_FILTER");

    if (pattern != NULL)
        cmocka_set_test_filter(pattern);
}
