// SPDX-License-Identifier: BSD-2-Clause
/*
 * kernel/notification.c: signal ORs badges into the word or hands them to one
 * waiter; wait takes and clears the word or blocks; poll never blocks; a bound
 * notification wakes its thread out of an endpoint receive, with
 * MSG_NOTIFICATION_FLAG in r1 and the bits in r6.
 */
#include <kernel/ipc.h>
#include <kernel/notification.h>
#include <tessera/abi.h>
#include "unit.h"

#define N_WORKER (&notifications[0])     /* bound to WORKER */
#define N_TIMER  (&notifications[1])     /* CLIENT's timer notification, unbound */
#define N_SERVER (&notifications[2])     /* bound to SERVER */
#define EP       (&endpoints[0])
#define JUNK     0x5a5a5a5au

static void assert_bits(const struct thread *t, uint32_t bits)
{
    assert_int_equal(t->ctx.r[0], ERR_OK);
    assert_int_equal(t->ctx.r[1], MSG_NOTIFICATION_FLAG);
    assert_int_equal(t->ctx.r[6], bits);
}

static void boot_binds_notifications_both_ways(void **state)
{
    (void)state;
    assert_ptr_equal(N_WORKER->bound, WORKER);
    assert_ptr_equal(WORKER->bound, N_WORKER);
    assert_ptr_equal(N_SERVER->bound, SERVER);
    assert_null(N_TIMER->bound);
    assert_null(CLIENT->bound);
}

static void signals_without_a_waiter_accumulate(void **state)
{
    (void)state;
    ntfn_signal(N_TIMER, 0x1);
    ntfn_signal(N_TIMER, 0x4);
    ntfn_signal(N_TIMER, 0x4);
    assert_int_equal(N_TIMER->word, 0x5);

    assert_int_equal(ntfn_wait(CLIENT, N_TIMER, 1), ERR_OK);
    assert_int_equal(CLIENT->state, THREAD_RUNNABLE);
    assert_bits(CLIENT, 0x5);
    assert_int_equal(N_TIMER->word, 0);
}

static void poll_never_blocks(void **state)
{
    (void)state;
    CLIENT->ctx.r[6] = JUNK;
    assert_int_equal(ntfn_wait(CLIENT, N_TIMER, 0), ERR_OK);
    assert_int_equal(CLIENT->state, THREAD_RUNNABLE);
    assert_bits(CLIENT, 0);
    assert_null(N_TIMER->waiters.head);

    ntfn_signal(N_TIMER, 0x30);
    assert_int_equal(ntfn_wait(CLIENT, N_TIMER, 0), ERR_OK);
    assert_bits(CLIENT, 0x30);
    assert_int_equal(N_TIMER->word, 0);
}

static void wait_blocks_until_a_signal(void **state)
{
    (void)state;
    assert_int_equal(ntfn_wait(CLIENT, N_TIMER, 1), ERR_OK);
    assert_int_equal(CLIENT->state, THREAD_BLOCKED_NTFN);
    assert_ptr_equal(CLIENT->blocked_on, N_TIMER);
    unit_assert_run_order(3, HANDLER, SERVER, WORKER);

    ntfn_signal(N_TIMER, 0x8);
    assert_int_equal(CLIENT->state, THREAD_RUNNABLE);
    assert_null(CLIENT->blocked_on);
    assert_bits(CLIENT, 0x8);
    assert_int_equal(N_TIMER->word, 0);
    unit_assert_run_order(4, HANDLER, SERVER, WORKER, CLIENT);
}

static void a_signal_wakes_one_waiter_in_order(void **state)
{
    (void)state;
    assert_int_equal(ntfn_wait(CLIENT, N_TIMER, 1), ERR_OK);
    assert_int_equal(ntfn_wait(HANDLER, N_TIMER, 1), ERR_OK);

    ntfn_signal(N_TIMER, 0x1);
    assert_int_equal(CLIENT->state, THREAD_RUNNABLE);
    assert_bits(CLIENT, 0x1);
    assert_int_equal(HANDLER->state, THREAD_BLOCKED_NTFN);

    ntfn_signal(N_TIMER, 0x2);
    assert_int_equal(HANDLER->state, THREAD_RUNNABLE);
    assert_bits(HANDLER, 0x2);
    assert_null(N_TIMER->waiters.head);

    ntfn_signal(N_TIMER, 0x4);                  /* nobody left: kept */
    assert_int_equal(N_TIMER->word, 0x4);
}

static void bound_notification_wakes_a_receiver(void **state)
{
    (void)state;
    SERVER->ctx.r[6] = JUNK;
    assert_int_equal(ipc_recv(SERVER, EP, 1), ERR_OK);
    assert_int_equal(SERVER->state, THREAD_BLOCKED_RECV);

    ntfn_signal(N_SERVER, 0x40);
    assert_int_equal(SERVER->state, THREAD_RUNNABLE);
    assert_null(SERVER->blocked_on);
    assert_bits(SERVER, 0x40);
    assert_int_equal(N_SERVER->word, 0);
    assert_null(EP->receivers.head);            /* no longer receiving */
    assert_int_equal(ipc_send(CLIENT, EP, 0x11, 0), ERR_WOULD_BLOCK);
}

static void bound_bits_pending_make_recv_return_at_once(void **state)
{
    (void)state;
    ntfn_signal(N_SERVER, 0x3);
    assert_int_equal(SERVER->state, THREAD_RUNNABLE);
    assert_int_equal(N_SERVER->word, 0x3);

    /* Even with a sender waiting, the bits come first; the sender stays queued. */
    assert_int_equal(ipc_send(CLIENT, EP, 0x11, IPC_BLOCK), ERR_OK);
    assert_int_equal(ipc_recv(SERVER, EP, 1), ERR_OK);
    assert_int_equal(SERVER->state, THREAD_RUNNABLE);
    assert_bits(SERVER, 0x3);
    assert_int_equal(N_SERVER->word, 0);
    assert_ptr_equal(EP->senders.head, CLIENT);

    assert_int_equal(ipc_recv(SERVER, EP, 1), ERR_OK);
    assert_int_equal(SERVER->ctx.r[6], 0x11);   /* now the message */
    assert_int_equal(CLIENT->state, THREAD_RUNNABLE);
}

static void bound_bits_make_nb_recv_succeed(void **state)
{
    (void)state;
    ntfn_signal(N_SERVER, 0x10);
    assert_int_equal(ipc_recv(SERVER, EP, 0), ERR_OK);
    assert_bits(SERVER, 0x10);
    assert_int_equal(ipc_recv(SERVER, EP, 0), ERR_WOULD_BLOCK);
}

static void bound_thread_not_receiving_keeps_the_bits(void **state)
{
    (void)state;
    ntfn_signal(N_WORKER, 0x1);                 /* WORKER runs */
    assert_int_equal(WORKER->state, THREAD_RUNNABLE);
    assert_int_equal(N_WORKER->word, 0x1);

    assert_int_equal(ntfn_wait(WORKER, N_TIMER, 1), ERR_OK);    /* waits elsewhere */
    ntfn_signal(N_WORKER, 0x2);
    assert_int_equal(WORKER->state, THREAD_BLOCKED_NTFN);
    assert_ptr_equal(WORKER->blocked_on, N_TIMER);
    assert_int_equal(N_WORKER->word, 0x3);

    assert_int_equal(ipc_send(CLIENT, EP, 0x11, IPC_BLOCK), ERR_OK);
    ntfn_signal(N_SERVER, 0x4);                 /* SERVER is not in recv either */
    assert_int_equal(N_SERVER->word, 0x4);
}

static void take_bound_needs_a_bound_notification_with_bits(void **state)
{
    (void)state;
    CLIENT->ctx.r[1] = JUNK;
    assert_int_equal(ntfn_take_bound(CLIENT), 0);       /* none bound */
    assert_int_equal(ntfn_take_bound(WORKER), 0);       /* bound, no bits */
    assert_int_equal(CLIENT->ctx.r[1], JUNK);

    ntfn_signal(N_WORKER, 0x80000000u);
    assert_int_equal(ntfn_take_bound(WORKER), 1);
    assert_bits(WORKER, 0x80000000u);
    assert_int_equal(N_WORKER->word, 0);
    assert_int_equal(ntfn_take_bound(WORKER), 0);
}

static void waiter_on_a_bound_notification_is_woken_directly(void **state)
{
    (void)state;
    assert_int_equal(ntfn_wait(SERVER, N_SERVER, 1), ERR_OK);
    ntfn_signal(N_SERVER, 0x200);
    assert_int_equal(SERVER->state, THREAD_RUNNABLE);
    assert_bits(SERVER, 0x200);
    assert_int_equal(N_SERVER->word, 0);
}

static void cancel_removes_a_waiter(void **state)
{
    (void)state;
    assert_int_equal(ntfn_wait(CLIENT, N_TIMER, 1), ERR_OK);
    assert_int_equal(ntfn_wait(HANDLER, N_TIMER, 1), ERR_OK);
    ipc_cancel(CLIENT);
    assert_null(CLIENT->blocked_on);
    assert_int_equal(CLIENT->ctx.restarts, 1);
    thread_block(CLIENT, THREAD_SUSPENDED);

    ntfn_signal(N_TIMER, 0x1);
    assert_int_equal(CLIENT->state, THREAD_SUSPENDED);
    assert_int_equal(HANDLER->state, THREAD_RUNNABLE);
    ntfn_signal(N_TIMER, 0x2);
    assert_int_equal(N_TIMER->word, 0x2);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup(boot_binds_notifications_both_ways, unit_setup),
        cmocka_unit_test_setup(signals_without_a_waiter_accumulate, unit_setup),
        cmocka_unit_test_setup(poll_never_blocks, unit_setup),
        cmocka_unit_test_setup(wait_blocks_until_a_signal, unit_setup),
        cmocka_unit_test_setup(a_signal_wakes_one_waiter_in_order, unit_setup),
        cmocka_unit_test_setup(bound_notification_wakes_a_receiver, unit_setup),
        cmocka_unit_test_setup(bound_bits_pending_make_recv_return_at_once, unit_setup),
        cmocka_unit_test_setup(bound_bits_make_nb_recv_succeed, unit_setup),
        cmocka_unit_test_setup(bound_thread_not_receiving_keeps_the_bits, unit_setup),
        cmocka_unit_test_setup(take_bound_needs_a_bound_notification_with_bits, unit_setup),
        cmocka_unit_test_setup(waiter_on_a_bound_notification_is_woken_directly, unit_setup),
        cmocka_unit_test_setup(cancel_removes_a_waiter, unit_setup),
    };
    unit_filter_from_env();
    return cmocka_run_group_tests_name("notification", tests, NULL, NULL);
}
