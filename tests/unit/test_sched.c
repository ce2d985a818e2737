// SPDX-License-Identifier: BSD-2-Clause
/*
 * kernel/sched.c: the bitmap finds the highest non-empty level across its
 * 32-bit words, each level is FIFO, the tick rotates a level once the running
 * thread's slice is used up, and schedule() enters the best thread (lazily:
 * the running thread is in no queue), ends the system with the right status,
 * or reports a deadlock.
 */
#include <kernel/sched.h>
#include <kernel/timer.h>
#include <tessera/abi.h>
#include "unit.h"

/* Empty run queues and the four fake threads, blocked and unqueued, at `prio`. */
static void empty_with_priorities(uint8_t p0, uint8_t p1, uint8_t p2, uint8_t p3)
{
    const uint8_t prio[FAKE_NTHREADS] = { p0, p1, p2, p3 };

    for (unsigned i = 0; i < FAKE_NTHREADS; i++) {
        thread_block(&threads[i], THREAD_SUSPENDED);
        threads[i].priority = prio[i];
    }
    assert_null(sched_pick());
}

static void pick_of_nothing_is_null(void **state)
{
    (void)state;
    empty_with_priorities(0, 0, 0, 0);
    assert_null(sched_pick());
}

static void boot_queues_every_thread_by_priority(void **state)
{
    (void)state;
    unit_assert_run_order(4, HANDLER, SERVER, CLIENT, WORKER);
}

static void bitmap_picks_highest_level_across_words(void **state)
{
    (void)state;
    empty_with_priorities(0, 31, 32, 255);

    assert_int_equal(sched_state.top, 0);        /* nothing queued */
    sched_enqueue(&threads[0]);                 /* level 0: word 0, bit 0 */
    assert_ptr_equal(sched_pick(), &threads[0]);
    assert_int_equal(sched_state.top, 1);        /* 1 + the highest level */
    sched_enqueue(&threads[2]);                 /* level 32: word 1, bit 0 */
    assert_ptr_equal(sched_pick(), &threads[2]);
    sched_enqueue(&threads[1]);                 /* level 31: word 0, bit 31 */
    assert_ptr_equal(sched_pick(), &threads[2]);
    sched_enqueue(&threads[3]);                 /* level 255: word 7, bit 31 */
    assert_ptr_equal(sched_pick(), &threads[3]);
    assert_int_equal(sched_state.top, 256);

    sched_dequeue(&threads[3]);
    assert_ptr_equal(sched_pick(), &threads[2]);
    assert_int_equal(sched_state.top, 33);       /* falls with the highest level */
    sched_dequeue(&threads[2]);                 /* word 1 empties: back to word 0 */
    assert_ptr_equal(sched_pick(), &threads[1]);
    assert_int_equal(sched_state.top, 32);
    sched_dequeue(&threads[1]);
    assert_ptr_equal(sched_pick(), &threads[0]);
    sched_dequeue(&threads[0]);
    assert_null(sched_pick());
    assert_int_equal(sched_state.top, 0);
}

static void bitmap_keeps_a_word_while_another_level_in_it_is_used(void **state)
{
    (void)state;
    empty_with_priorities(63, 33, 64, 1);

    sched_enqueue(&threads[0]);
    sched_enqueue(&threads[1]);
    sched_enqueue(&threads[2]);
    sched_enqueue(&threads[3]);
    assert_ptr_equal(sched_pick(), &threads[2]);        /* 64 is word 2 */
    sched_dequeue(&threads[2]);
    assert_ptr_equal(sched_pick(), &threads[0]);        /* 63: word 1, bit 31 */
    sched_dequeue(&threads[0]);
    assert_ptr_equal(sched_pick(), &threads[1]);        /* 33 keeps word 1 marked */
    sched_dequeue(&threads[1]);
    assert_ptr_equal(sched_pick(), &threads[3]);
}

static void level_is_fifo(void **state)
{
    (void)state;
    empty_with_priorities(7, 7, 7, 7);

    for (unsigned i = 0; i < 4; i++)
        sched_enqueue(&threads[(i + 2) % 4]);
    unit_assert_run_order(4, &threads[2], &threads[3], &threads[0], &threads[1]);
}

static void dequeue_from_the_middle_keeps_head_and_tail(void **state)
{
    (void)state;
    empty_with_priorities(7, 7, 7, 7);
    sched_enqueue(&threads[0]);
    sched_enqueue(&threads[1]);
    sched_enqueue(&threads[2]);

    sched_dequeue(&threads[1]);
    assert_null(threads[1].next);
    unit_assert_run_order(2, &threads[0], &threads[2]);
    sched_enqueue(&threads[3]);                 /* the tail is still right */
    unit_assert_run_order(3, &threads[0], &threads[2], &threads[3]);
}

static void dequeue_of_the_tail_then_enqueue(void **state)
{
    (void)state;
    empty_with_priorities(7, 7, 7, 7);
    sched_enqueue(&threads[0]);
    sched_enqueue(&threads[1]);

    sched_dequeue(&threads[1]);
    sched_enqueue(&threads[2]);
    unit_assert_run_order(2, &threads[0], &threads[2]);
    sched_dequeue(&threads[0]);                 /* the head */
    sched_enqueue(&threads[1]);
    unit_assert_run_order(2, &threads[2], &threads[1]);
}

static void dequeue_of_an_unqueued_thread_changes_nothing(void **state)
{
    (void)state;
    empty_with_priorities(7, 7, 9, 9);
    sched_enqueue(&threads[0]);

    sched_dequeue(&threads[1]);                 /* same level, not queued */
    sched_dequeue(&threads[2]);                 /* empty level */
    unit_assert_run_order(1, &threads[0]);
}

static void tick_counts_down_then_rotates_the_level(void **state)
{
    (void)state;
    /* CLIENT (slice 5) and WORKER (slice 2) share level 100. */
    thread_block(HANDLER, THREAD_SUSPENDED);
    thread_block(SERVER, THREAD_SUSPENDED);
    current = CLIENT;

    for (unsigned i = 0; i < 4; i++) {
        sched_tick();
        assert_ptr_equal(sched_pick(), CLIENT);
    }
    assert_int_equal(CLIENT->slice_left, 1);
    sched_tick();                               /* the 5th tick ends the slice */
    unit_assert_run_order(2, WORKER, CLIENT);
    assert_int_equal(CLIENT->slice_left, 5);    /* refilled for its next turn */

    current = WORKER;
    sched_tick();
    assert_ptr_equal(sched_pick(), WORKER);
    sched_tick();
    unit_assert_run_order(2, CLIENT, WORKER);
}

static void tick_alone_at_its_level_keeps_running(void **state)
{
    (void)state;
    current = HANDLER;
    for (unsigned i = 0; i < 12; i++)
        sched_tick();
    unit_assert_run_order(4, HANDLER, SERVER, CLIENT, WORKER);
}

static void tick_with_no_runnable_current_does_nothing(void **state)
{
    (void)state;
    current = NULL;
    sched_tick();
    thread_block(CLIENT, THREAD_BLOCKED_RECV);
    current = CLIENT;
    for (unsigned i = 0; i < 6; i++)
        sched_tick();
    assert_int_equal(CLIENT->slice_left, 5);
    unit_assert_run_order(3, HANDLER, SERVER, WORKER);
}

static void yield_goes_to_the_back_with_a_fresh_slice(void **state)
{
    (void)state;
    CLIENT->slice_left = 2;
    sched_rotate(CLIENT);
    unit_assert_run_order(4, HANDLER, SERVER, WORKER, CLIENT);
    assert_int_equal(CLIENT->slice_left, 5);

    SERVER->slice_left = 1;                     /* alone at its level */
    sched_rotate(SERVER);
    unit_assert_run_order(4, HANDLER, SERVER, WORKER, CLIENT);
    assert_int_equal(SERVER->slice_left, 5);
}

static void schedule_enters_the_best_thread(void **state)
{
    (void)state;
    FAKE_CATCH(schedule());
    assert_int_equal(fake_stop, FAKE_STOP_ENTER_USER);
    assert_ptr_equal(fake_entered, HANDLER);
    assert_ptr_equal(current, HANDLER);
}

/* Lazy scheduling (kernel/sched.h, S1): the thread schedule() enters leaves
 * its queue; entered again while nothing queued is above it, it runs on
 * without being queued at all. */
static void schedule_takes_the_running_thread_off_its_queue(void **state)
{
    (void)state;
    FAKE_CATCH(schedule());
    assert_ptr_equal(fake_entered, HANDLER);
    unit_assert_run_order(3, SERVER, CLIENT, WORKER);
    FAKE_CATCH(schedule());                     /* HANDLER returns from a system call */
    assert_ptr_equal(fake_entered, HANDLER);
    unit_assert_run_order(3, SERVER, CLIENT, WORKER);
}

/* Preempted by a thread above it, the running thread rejoins its level at
 * the head, ahead of those that were queued behind it (S2). */
static void schedule_requeues_a_preempted_thread_at_the_head(void **state)
{
    (void)state;
    thread_block(HANDLER, THREAD_SUSPENDED);
    thread_block(SERVER, THREAD_BLOCKED_RECV);
    sched_dequeue(WORKER);                      /* WORKER runs, CLIENT waits at its level */
    sched_enqueue(WORKER);
    FAKE_CATCH(schedule());
    assert_ptr_equal(fake_entered, CLIENT);
    thread_wake(SERVER);                        /* woken above it */
    FAKE_CATCH(schedule());
    assert_ptr_equal(fake_entered, SERVER);
    unit_assert_run_order(2, CLIENT, WORKER);
}

/* The running thread alone at its level yields, or its slice ends: it runs on,
 * in no queue, with a fresh slice. */
static void rotate_of_the_running_thread_alone_keeps_it_unqueued(void **state)
{
    (void)state;
    FAKE_CATCH(schedule());
    assert_ptr_equal(current, HANDLER);
    HANDLER->slice_left = 1;
    sched_rotate(HANDLER);
    assert_int_equal(HANDLER->slice_left, 5);
    unit_assert_run_order(3, SERVER, CLIENT, WORKER);
    FAKE_CATCH(schedule());
    assert_ptr_equal(fake_entered, HANDLER);
}

/* The status: a fault gives EXIT_FAULT when every run() returned 0; a
 * non-zero run() result wins over a fault. (unit_setup resets the scheduler.) */
static void schedule_ends_when_every_control_thread_finished(void **state)
{
    thread_stop(WORKER, THREAD_FAULTED, EXIT_FAULT);    /* not a control thread */
    FAKE_CATCH(schedule());
    assert_int_equal(fake_stop, FAKE_STOP_ENTER_USER);  /* CLIENT still runs */
    thread_stop(CLIENT, THREAD_EXITED, 0);
    FAKE_CATCH(schedule());
    assert_int_equal(fake_stop, FAKE_STOP_EXIT);
    assert_int_equal(fake_exit_status, EXIT_FAULT);     /* run() gave 0, a thread faulted */
    assert_string_equal(fake_console, "system: all control threads finished, status 1\r\n");

    unit_setup(state);
    thread_stop(WORKER, THREAD_FAULTED, EXIT_FAULT);
    thread_stop(CLIENT, THREAD_EXITED, 3);
    FAKE_CATCH(schedule());
    assert_int_equal(fake_stop, FAKE_STOP_EXIT);
    assert_int_equal(fake_exit_status, 3);              /* run()'s status beats the fault */
    assert_string_equal(fake_console, "system: all control threads finished, status 3\r\n");
}

static void schedule_idles_while_a_timer_can_wake_someone(void **state)
{
    (void)state;
    for (unsigned i = 0; i < FAKE_NTHREADS; i++)
        thread_block(&threads[i], THREAD_BLOCKED_NTFN);
    timer_arm(CLIENT, 0, 100, 0);
    FAKE_CATCH(schedule());
    assert_int_equal(fake_stop, FAKE_STOP_IDLE);
    assert_null(current);
}

static void schedule_reports_a_deadlock(void **state)
{
    (void)state;
    thread_block(CLIENT, THREAD_BLOCKED_REPLY);
    thread_block(WORKER, THREAD_BLOCKED_NTFN);
    thread_block(SERVER, THREAD_BLOCKED_RECV);
    thread_stop(HANDLER, THREAD_EXITED, 0);
    FAKE_CATCH(schedule());
    assert_int_equal(fake_stop, FAKE_STOP_EXIT);
    assert_int_equal(fake_exit_status, EXIT_DEADLOCK);
    assert_string_equal(fake_console,
        "\r\nsystem: deadlock: no thread can run and nothing can wake one\r\n"
        "  client.main: waiting for a reply\r\n"
        "  client.worker: waiting on a notification\r\n"
        "  server.main: blocked receiving\r\n");
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup(schedule_ends_when_every_control_thread_finished, unit_setup),
        cmocka_unit_test_setup(pick_of_nothing_is_null, unit_setup),
        cmocka_unit_test_setup(boot_queues_every_thread_by_priority, unit_setup),
        cmocka_unit_test_setup(bitmap_picks_highest_level_across_words, unit_setup),
        cmocka_unit_test_setup(bitmap_keeps_a_word_while_another_level_in_it_is_used, unit_setup),
        cmocka_unit_test_setup(level_is_fifo, unit_setup),
        cmocka_unit_test_setup(dequeue_from_the_middle_keeps_head_and_tail, unit_setup),
        cmocka_unit_test_setup(dequeue_of_the_tail_then_enqueue, unit_setup),
        cmocka_unit_test_setup(dequeue_of_an_unqueued_thread_changes_nothing, unit_setup),
        cmocka_unit_test_setup(tick_counts_down_then_rotates_the_level, unit_setup),
        cmocka_unit_test_setup(tick_alone_at_its_level_keeps_running, unit_setup),
        cmocka_unit_test_setup(tick_with_no_runnable_current_does_nothing, unit_setup),
        cmocka_unit_test_setup(yield_goes_to_the_back_with_a_fresh_slice, unit_setup),
        cmocka_unit_test_setup(schedule_enters_the_best_thread, unit_setup),
        cmocka_unit_test_setup(schedule_idles_while_a_timer_can_wake_someone, unit_setup),
        cmocka_unit_test_setup(schedule_takes_the_running_thread_off_its_queue, unit_setup),
        cmocka_unit_test_setup(schedule_requeues_a_preempted_thread_at_the_head, unit_setup),
        cmocka_unit_test_setup(rotate_of_the_running_thread_alone_keeps_it_unqueued, unit_setup),
        cmocka_unit_test_setup(schedule_reports_a_deadlock, unit_setup),
    };
    unit_filter_from_env();
    return cmocka_run_group_tests_name("sched", tests, NULL, NULL);
}
