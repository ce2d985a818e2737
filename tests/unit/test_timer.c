// SPDX-License-Identifier: BSD-2-Clause
/*
 * kernel/timer.c: armed timers in deadline order, a one-shot fires once, a
 * periodic one re-arms a period later or, when the kernel fell behind, a
 * period after now (one signal, no storm), and arming with zeros cancels.
 * Each firing signals the thread's timer notification with its timer badge.
 */
#include <kernel/notification.h>
#include <kernel/timer.h>
#include "unit.h"

#define N (&notifications[1])            /* CLIENT's timer notification, badge 0x100 */

/* Give WORKER and SERVER timers on N too, with badges 0x1 and 0x2. */
static int three_timers(void **state)
{
    unit_setup(state);
    WORKER->timer_ntfn = N;
    WORKER->timer_badge = 0x1;
    SERVER->timer_ntfn = N;
    SERVER->timer_badge = 0x2;
    return 0;
}

/* Take N's word (the OR of every badge signalled since the last take). */
static uint32_t take(void)
{
    uint32_t w = N->word;
    N->word = 0;
    return w;
}

static void nothing_armed_at_boot(void **state)
{
    (void)state;
    assert_false(timer_any_armed());
    timer_expire(UINT64_MAX);
    assert_int_equal(take(), 0);
}

static void one_shot_fires_once_at_its_deadline(void **state)
{
    (void)state;
    timer_arm(CLIENT, 1000, 500, 0);
    assert_true(timer_any_armed());
    assert_int_equal(CLIENT->timer_deadline, 1500);

    timer_expire(1499);
    assert_int_equal(take(), 0);
    timer_expire(1500);
    assert_int_equal(take(), 0x100);
    assert_false(timer_any_armed());
    assert_int_equal(CLIENT->timer_deadline, 0);
    timer_expire(100000);
    assert_int_equal(take(), 0);
}

static void expiry_wakes_a_waiter(void **state)
{
    (void)state;
    assert_int_equal(ntfn_wait(CLIENT, N, 1), 0);
    timer_arm(CLIENT, 0, 10, 0);
    timer_expire(10);
    assert_int_equal(CLIENT->state, THREAD_RUNNABLE);
    assert_int_equal(CLIENT->ctx.r[6], 0x100);
}

static void timers_fire_in_deadline_order(void **state)
{
    (void)state;
    timer_arm(WORKER, 0, 300, 0);
    timer_arm(CLIENT, 0, 100, 0);
    timer_arm(SERVER, 50, 150, 0);              /* deadline 200 */

    timer_expire(99);
    assert_int_equal(take(), 0);
    timer_expire(150);
    assert_int_equal(take(), 0x100);
    timer_expire(250);
    assert_int_equal(take(), 0x2);
    assert_true(timer_any_armed());
    timer_expire(300);
    assert_int_equal(take(), 0x1);
    assert_false(timer_any_armed());
}

static void earliest_deadline_is_signalled_first(void **state)
{
    (void)state;
    /* HANDLER waits on N: the first signal wakes it, the later ones stay in the word. */
    assert_int_equal(ntfn_wait(HANDLER, N, 1), 0);
    timer_arm(WORKER, 0, 300, 0);
    timer_arm(SERVER, 0, 200, 0);
    timer_arm(CLIENT, 0, 100, 0);

    timer_expire(1000);
    assert_int_equal(HANDLER->state, THREAD_RUNNABLE);
    assert_int_equal(HANDLER->ctx.r[6], 0x100);
    assert_int_equal(take(), 0x3);
    assert_false(timer_any_armed());
}

static void equal_deadlines_fire_in_arming_order(void **state)
{
    (void)state;
    assert_int_equal(ntfn_wait(HANDLER, N, 1), 0);
    timer_arm(SERVER, 0, 100, 0);
    timer_arm(WORKER, 0, 100, 0);
    timer_expire(100);
    assert_int_equal(HANDLER->ctx.r[6], 0x2);
    assert_int_equal(take(), 0x1);
}

static void periodic_rearms_one_period_on(void **state)
{
    (void)state;
    timer_arm(CLIENT, 0, 100, 50);
    timer_expire(100);
    assert_int_equal(take(), 0x100);
    assert_true(timer_any_armed());
    assert_int_equal(CLIENT->timer_deadline, 150);

    timer_expire(149);
    assert_int_equal(take(), 0);
    timer_expire(160);                          /* a little late: the phase is kept */
    assert_int_equal(take(), 0x100);
    assert_int_equal(CLIENT->timer_deadline, 200);
}

static void periodic_without_a_delay_starts_a_period_from_now(void **state)
{
    (void)state;
    timer_arm(CLIENT, 1000, 0, 250);
    assert_int_equal(CLIENT->timer_deadline, 1250);
    assert_int_equal(CLIENT->timer_period, 250);
}

static void periodic_far_behind_skips_ahead_with_one_signal(void **state)
{
    (void)state;
    assert_int_equal(ntfn_wait(HANDLER, N, 1), 0);
    timer_arm(CLIENT, 0, 100, 100);

    timer_expire(1050);                         /* nine periods late */
    assert_int_equal(HANDLER->state, THREAD_RUNNABLE);
    assert_int_equal(HANDLER->ctx.r[6], 0x100);
    assert_int_equal(take(), 0);                /* exactly one signal */
    assert_int_equal(CLIENT->timer_deadline, 1150);
    assert_true(timer_any_armed());
}

static void periodic_keeps_its_order_among_others(void **state)
{
    (void)state;
    timer_arm(CLIENT, 0, 100, 100);             /* 100, 200, 300 ... */
    timer_arm(WORKER, 0, 250, 0);
    timer_expire(100);
    assert_int_equal(take(), 0x100);
    timer_expire(200);
    assert_int_equal(take(), 0x100);
    timer_expire(250);
    assert_int_equal(take(), 0x1);
    timer_expire(300);
    assert_int_equal(take(), 0x100);
}

static void zeros_cancel(void **state)
{
    (void)state;
    timer_arm(CLIENT, 0, 100, 100);
    timer_arm(CLIENT, 50, 0, 0);
    assert_false(timer_any_armed());
    assert_int_equal(CLIENT->timer_deadline, 0);
    assert_int_equal(CLIENT->timer_period, 0);
    timer_expire(UINT64_MAX);
    assert_int_equal(take(), 0);
}

static void cancel_in_the_middle_keeps_the_others(void **state)
{
    (void)state;
    timer_arm(CLIENT, 0, 100, 0);
    timer_arm(SERVER, 0, 200, 0);
    timer_arm(WORKER, 0, 300, 0);
    timer_arm(SERVER, 0, 0, 0);

    timer_expire(1000);
    assert_int_equal(take(), 0x101);
    assert_false(timer_any_armed());
}

static void rearming_replaces_the_deadline(void **state)
{
    (void)state;
    timer_arm(CLIENT, 0, 100, 0);
    timer_arm(WORKER, 0, 200, 0);
    timer_arm(CLIENT, 0, 500, 0);               /* moves behind WORKER */

    timer_expire(300);
    assert_int_equal(take(), 0x1);
    assert_true(timer_any_armed());
    timer_expire(499);
    assert_int_equal(take(), 0);
    timer_expire(500);
    assert_int_equal(take(), 0x100);
    assert_false(timer_any_armed());
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup(nothing_armed_at_boot, unit_setup),
        cmocka_unit_test_setup(one_shot_fires_once_at_its_deadline, unit_setup),
        cmocka_unit_test_setup(expiry_wakes_a_waiter, unit_setup),
        cmocka_unit_test_setup(timers_fire_in_deadline_order, three_timers),
        cmocka_unit_test_setup(earliest_deadline_is_signalled_first, three_timers),
        cmocka_unit_test_setup(equal_deadlines_fire_in_arming_order, three_timers),
        cmocka_unit_test_setup(periodic_rearms_one_period_on, unit_setup),
        cmocka_unit_test_setup(periodic_without_a_delay_starts_a_period_from_now, unit_setup),
        cmocka_unit_test_setup(periodic_far_behind_skips_ahead_with_one_signal, unit_setup),
        cmocka_unit_test_setup(periodic_keeps_its_order_among_others, three_timers),
        cmocka_unit_test_setup(zeros_cancel, unit_setup),
        cmocka_unit_test_setup(cancel_in_the_middle_keeps_the_others, three_timers),
        cmocka_unit_test_setup(rearming_replaces_the_deadline, three_timers),
    };
    unit_filter_from_env();
    return cmocka_run_group_tests_name("timer", tests, NULL, NULL);
}
