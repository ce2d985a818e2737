/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * What every unit test shares: cmocka, the fakes, and a fresh kernel per test.
 * unit_setup() empties the scheduler, the timer list, every thread, endpoint
 * and notification, then boots the fake spec (vspace_create_all,
 * thread_create_all), so each test starts with the four threads of
 * fake_spec.h runnable and `current` NULL.
 */
#ifndef UNIT_H
#define UNIT_H

#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>
#include <kernel/thread.h>
#include "fake_arch.h"
#include "fake_spec.h"

#define CLIENT  (&threads[T_CLIENT])
#define WORKER  (&threads[T_WORKER])
#define SERVER  (&threads[T_SERVER])
#define HANDLER (&threads[T_HANDLER])

/* Empty the kernel: scheduler, timers, threads, endpoints, notifications, fakes. */
void unit_clear(void);

/* cmocka setup: unit_clear(), then vspace_create_all() and thread_create_all()
 * of the fake spec. */
int unit_setup(void **state);

/* The run queue in pick order (at most `max`, fails on more), left as it was. */
unsigned unit_run_order(struct thread *out[], unsigned max);

/* Assert the run queue is exactly the `n` threads given, in pick order. */
#define unit_assert_run_order(...) unit_assert_run_order_at(__FILE__, __LINE__, __VA_ARGS__)
void unit_assert_run_order_at(const char *file, int line, unsigned n, ...);

/* Run only the tests whose names match $UNIT_FILTER (a cmocka pattern), if set. */
void unit_filter_from_env(void);

/* Put a message in t's registers as the system call would have it. */
void unit_set_message(struct thread *t, uintptr_t info, uintptr_t mr0, uintptr_t mr1,
                      uintptr_t mr2, uintptr_t mr3);

#endif
