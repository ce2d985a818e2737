// SPDX-License-Identifier: BSD-2-Clause
/*
 * kernel/budget.c: a thread with a budget is charged for the counter time it
 * runs, is throttled (out of the run queues, not entered by schedule()) once
 * it has used its budget, and is released with its whole budget back at its
 * replenishment; the timer event is armed for the earliest of its budget
 * running out, the next release and the next thread timer; a periodic timer
 * of the budget's period moves the replenishments onto its releases; a
 * throttled thread woken or blocked meanwhile waits for its release; and a
 * system without budgets arms nothing.
 */
#include <kernel/budget.h>
#include <kernel/notification.h>
#include <kernel/sched.h>
#include <kernel/timer.h>
#include "unit.h"

/* HANDLER (prio 250) gets 200 ticks every 1000 from time 0. */
static int handler_budgeted(void **state)
{
    unit_setup(state);
    budget_configure(HANDLER, 200, 1000, 0);
    return 0;
}

/* schedule() as the kernel would run it with `t` running until `now`. */
static struct thread *run_schedule(struct thread *t, uint64_t now)
{
    fake_counter = now;
    current = t;
    FAKE_CATCH(schedule());
    return fake_stop == FAKE_STOP_ENTER_USER ? fake_entered : NULL;
}

static void no_budget_arms_nothing(void **state)
{
    (void)state;
    assert_int_equal(budget_threads, 0);
    assert_ptr_equal(run_schedule(NULL, 10), HANDLER);
    assert_int_equal(fake_timer_event, 0);              /* arch_timer_event never called */
}

static void spec_budget_is_converted_to_counter_ticks(void **state)
{
    (void)state;
    struct spec_thread s = *CLIENT->spec;

    s.budget_us = 250;
    s.period_us = 1000;
    CLIENT->spec = &s;
    budget_init(CLIENT, 5);                             /* the fake counter runs at 1 MHz */
    assert_int_equal(CLIENT->budget, 250);
    assert_int_equal(CLIENT->budget_period, 1000);
    assert_int_equal(CLIENT->budget_next, 1005);
    assert_int_equal(budget_threads, 1);
    budget_configure(CLIENT, 0, 0, 0);
    assert_int_equal(budget_threads, 0);
}

static void entering_arms_the_event_at_the_budgets_end(void **state)
{
    (void)state;
    assert_ptr_equal(run_schedule(NULL, 100), HANDLER);
    assert_int_equal(HANDLER->budget_since, 100);
    assert_int_equal(fake_timer_event, 300);            /* 100 + 200 left */
}

static void charge_within_budget_keeps_running(void **state)
{
    (void)state;
    run_schedule(NULL, 100);
    assert_ptr_equal(run_schedule(HANDLER, 150), HANDLER);   /* a system call at 150 */
    assert_int_equal(HANDLER->budget_left, 150);
    assert_false(HANDLER->throttled);
    assert_int_equal(fake_timer_event, 300);
}

static void exhausted_thread_is_throttled_and_the_next_runs(void **state)
{
    (void)state;
    run_schedule(NULL, 100);
    fake_counter = 300;                                 /* the event at its budget's end */
    current = HANDLER;
    kernel_timer_event();
    assert_true(HANDLER->throttled);
    assert_int_equal(HANDLER->budget_left, 0);
    assert_true(budget_any_throttled());
    assert_ptr_equal(run_schedule(HANDLER, 300), SERVER);
    unit_assert_run_order(2, CLIENT, WORKER);           /* HANDLER in no queue */
    assert_int_equal(fake_timer_event, 1000);           /* its release */
}

static void release_gives_the_budget_back_and_queues_it(void **state)
{
    (void)state;
    run_schedule(NULL, 0);
    fake_counter = 200;
    current = HANDLER;
    kernel_timer_event();
    run_schedule(HANDLER, 200);                         /* SERVER runs */
    fake_counter = 999;
    current = SERVER;
    kernel_timer_event();
    assert_true(HANDLER->throttled);                    /* not yet */
    fake_counter = 1000;
    kernel_timer_event();
    assert_false(HANDLER->throttled);
    assert_int_equal(HANDLER->budget_left, 200);
    assert_int_equal(HANDLER->budget_next, 2000);
    assert_false(budget_any_throttled());
    assert_ptr_equal(run_schedule(SERVER, 1000), HANDLER);   /* preempts SERVER */
    assert_int_equal(fake_timer_event, 1200);
}

static void runaway_gets_its_share_per_period_only(void **state)
{
    (void)state;
    uint64_t ran = 0, now = 0;
    struct thread *t = run_schedule(NULL, 0);

    /* Ten periods, the kernel entered at every timer event and every 50 ticks. */
    while (now < 10000) {
        uint64_t next = now + 50;
        if (fake_timer_event > now && fake_timer_event < next)
            next = fake_timer_event;
        if (t == HANDLER)
            ran += next - now;
        now = next;
        fake_counter = now;
        current = t;
        kernel_timer_event();
        t = run_schedule(t, now);
    }
    assert_int_equal(ran, 10 * 200);
}

static void woken_while_throttled_waits_for_release(void **state)
{
    (void)state;
    run_schedule(NULL, 0);
    fake_counter = 200;
    current = HANDLER;
    kernel_timer_event();                               /* throttled, runnable */
    thread_block(HANDLER, THREAD_SUSPENDED);
    thread_wake(HANDLER);                               /* resumed before its release */
    assert_ptr_equal(run_schedule(HANDLER, 200), SERVER);
    unit_assert_run_order(2, CLIENT, WORKER);
    fake_counter = 1000;
    current = SERVER;
    kernel_timer_event();
    assert_false(HANDLER->throttled);
    assert_ptr_equal(run_schedule(SERVER, 1000), HANDLER);
}

static void suspended_at_release_stays_out(void **state)
{
    (void)state;
    run_schedule(NULL, 0);
    fake_counter = 200;
    current = HANDLER;
    kernel_timer_event();
    run_schedule(HANDLER, 200);
    thread_block(HANDLER, THREAD_SUSPENDED);
    fake_counter = 1000;
    current = SERVER;
    kernel_timer_event();
    assert_false(HANDLER->throttled);
    unit_assert_run_order(2, CLIENT, WORKER);
}

static void yield_then_exhaustion_leaves_no_queue_entry(void **state)
{
    (void)state;
    run_schedule(NULL, 0);
    sched_rotate(HANDLER);                              /* yield: queued at the back */
    assert_ptr_equal(run_schedule(HANDLER, 250), SERVER);    /* and used up: out again */
    unit_assert_run_order(2, CLIENT, WORKER);
}

static void idle_arms_the_next_release(void **state)
{
    (void)state;
    for (unsigned i = 0; i < FAKE_NTHREADS; i++)
        if (&threads[i] != HANDLER)
            thread_block(&threads[i], THREAD_SUSPENDED);
    run_schedule(NULL, 0);
    fake_counter = 200;
    current = HANDLER;
    kernel_timer_event();
    fake_counter = 200;
    current = HANDLER;
    FAKE_CATCH(schedule());
    assert_int_equal(fake_stop, FAKE_STOP_IDLE);        /* throttled: not a deadlock */
    assert_int_equal(fake_timer_event, 1000);
}

static void periodic_timer_of_the_same_period_aligns_replenishment(void **state)
{
    (void)state;
    HANDLER->timer_ntfn = &notifications[1];
    timer_arm(HANDLER, 50, 300, 1000);                  /* releases at 350, 1350, ... */
    assert_int_equal(HANDLER->budget_next, 350);
    timer_arm(HANDLER, 50, 0, 500);                     /* another period: left alone */
    assert_int_equal(HANDLER->budget_next, 350);
}

static void event_covers_thread_timers(void **state)
{
    (void)state;
    CLIENT->timer_ntfn = &notifications[1];
    timer_arm(CLIENT, 0, 120, 0);
    assert_ptr_equal(run_schedule(NULL, 100), HANDLER);
    assert_int_equal(fake_timer_event, 120);            /* the timer before the budget */
    fake_counter = 120;
    current = HANDLER;
    kernel_timer_event();
    assert_int_equal(notifications[1].word, 0x100);     /* expired exactly, not at a tick */
}

static void replenishment_inside_a_run_charges_only_the_new_period(void **state)
{
    (void)state;
    run_schedule(NULL, 900);
    fake_counter = 1050;
    current = HANDLER;
    kernel_timer_event();                               /* ran 900-1050, replenished at 1000 */
    assert_false(HANDLER->throttled);
    assert_int_equal(HANDLER->budget_left, 150);
    assert_int_equal(HANDLER->budget_next, 2000);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup(no_budget_arms_nothing, unit_setup),
        cmocka_unit_test_setup(spec_budget_is_converted_to_counter_ticks, unit_setup),
        cmocka_unit_test_setup(entering_arms_the_event_at_the_budgets_end, handler_budgeted),
        cmocka_unit_test_setup(charge_within_budget_keeps_running, handler_budgeted),
        cmocka_unit_test_setup(exhausted_thread_is_throttled_and_the_next_runs, handler_budgeted),
        cmocka_unit_test_setup(release_gives_the_budget_back_and_queues_it, handler_budgeted),
        cmocka_unit_test_setup(runaway_gets_its_share_per_period_only, handler_budgeted),
        cmocka_unit_test_setup(woken_while_throttled_waits_for_release, handler_budgeted),
        cmocka_unit_test_setup(suspended_at_release_stays_out, handler_budgeted),
        cmocka_unit_test_setup(yield_then_exhaustion_leaves_no_queue_entry, handler_budgeted),
        cmocka_unit_test_setup(idle_arms_the_next_release, handler_budgeted),
        cmocka_unit_test_setup(periodic_timer_of_the_same_period_aligns_replenishment, handler_budgeted),
        cmocka_unit_test_setup(event_covers_thread_timers, handler_budgeted),
        cmocka_unit_test_setup(replenishment_inside_a_run_charges_only_the_new_period, handler_budgeted),
    };
    unit_filter_from_env();
    return cmocka_run_group_tests_name("budget", tests, NULL, NULL);
}
