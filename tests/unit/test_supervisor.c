// SPDX-License-Identifier: BSD-2-Clause
/*
 * kernel/supervisor.c: what becomes of a component after an unhandled fault.
 * With restart policy never it ends: its threads stop, its endpoints answer
 * PEER_DEAD, and the senders queued on them and the callers waiting for its
 * replies get PEER_DEAD. With a policy it is restarted, at most restart_max
 * times (or always): the same peers fail, its writable memory, timers,
 * notifications and threads are put back as at boot. A server that held a
 * reply right for a thread of the restarted or dead component gets PEER_DEAD
 * from its reply.
 */
#include <string.h>
#include <kernel/ipc.h>
#include <kernel/notification.h>
#include <kernel/sched.h>
#include <kernel/supervisor.h>
#include <kernel/system.h>
#include <kernel/timer.h>
#include <kernel/vspace.h>
#include <tessera/abi.h>
#include "unit.h"

#define EP       (&endpoints[0])     /* the server receives on it; the client calls it */
#define FAULT_EP (&endpoints[1])     /* the client's fault endpoint, also the server's */
#define CLIENT_VS (&vspaces[0])
#define SERVER_VS (&vspaces[1])

/* SERVER waits on EP; CLIENT calls it and waits for the reply. */
static void client_waits_for_its_reply(void)
{
    assert_int_equal(ipc_recv(SERVER, EP, 1), ERR_OK);
    unit_set_message(CLIENT, MSG_INFO(1, 0), 0, 0, 0, 0);
    assert_int_equal(ipc_send(CLIENT, EP, 0x11, IPC_BLOCK | IPC_CALL), ERR_OK);
    assert_int_equal(CLIENT->state, THREAD_BLOCKED_REPLY);
    assert_ptr_equal(SERVER->reply_to, CLIENT);
}

static void never_is_the_default_and_restarts_nothing(void **state)
{
    (void)state;
    assert_int_equal(SERVER_VS->restart_max, 0);
    assert_false(supervisor_will_restart(SERVER_VS));
    SERVER_VS->restart_max = 2;
    assert_true(supervisor_will_restart(SERVER_VS));
    SERVER_VS->restarts = 2;
    assert_false(supervisor_will_restart(SERVER_VS));       /* used up */
    SERVER_VS->restart_max = SPEC_RESTART_ALWAYS;
    SERVER_VS->restarts = 60000;
    assert_true(supervisor_will_restart(SERVER_VS));
}

static void a_caller_waiting_for_a_dead_server_gets_peer_dead(void **state)
{
    (void)state;
    client_waits_for_its_reply();
    CLIENT->ctx.r[0] = 0x5a5a;
    assert_int_equal(supervisor_end(SERVER), 1);             /* HANDLER stopped with it */
    assert_int_equal(SERVER->state, THREAD_FAULTED);
    assert_int_equal(HANDLER->state, THREAD_FAULTED);
    assert_true(SERVER_VS->dead);
    assert_int_equal(CLIENT->state, THREAD_RUNNABLE);
    assert_int_equal(CLIENT->ctx.r[0], ERR_PEER_DEAD);
    assert_null(SERVER->reply_to);
}

static void a_sender_queued_on_a_dead_server_gets_peer_dead(void **state)
{
    (void)state;
    assert_int_equal(ipc_send(CLIENT, EP, 0x11, IPC_BLOCK | IPC_CALL), ERR_OK);
    assert_int_equal(ipc_send(WORKER, EP, 0x22, IPC_BLOCK), ERR_OK);
    assert_int_equal(WORKER->state, THREAD_BLOCKED_SEND);
    supervisor_end(SERVER);
    assert_null(EP->senders.head);
    assert_null(EP->senders.tail);
    assert_int_equal(CLIENT->state, THREAD_RUNNABLE);
    assert_int_equal(CLIENT->ctx.r[0], ERR_PEER_DEAD);
    assert_int_equal(WORKER->state, THREAD_RUNNABLE);
    assert_int_equal(WORKER->ctx.r[0], ERR_PEER_DEAD);
    assert_null(WORKER->blocked_on);
}

static void every_later_call_to_a_dead_server_gets_peer_dead(void **state)
{
    (void)state;
    supervisor_end(SERVER);
    for (int i = 0; i < 3; i++) {
        assert_int_equal(ipc_send(CLIENT, EP, 0x11, IPC_BLOCK | IPC_CALL), ERR_PEER_DEAD);
        assert_int_equal(CLIENT->state, THREAD_RUNNABLE);     /* never blocks */
    }
    assert_int_equal(ipc_send(CLIENT, EP, 0x11, 0), ERR_PEER_DEAD);
    assert_null(EP->senders.head);
    assert_false(supervisor_will_restart(SERVER_VS));
}

static void a_fault_waiting_for_a_dead_handler_stops_its_thread(void **state)
{
    (void)state;
    const struct fault_msg data_abort = { .label = FAULT_DATA_ABORT };

    assert_int_equal(ipc_send_fault(CLIENT, &data_abort), ERR_OK);   /* nobody receives: queued */
    assert_int_equal(CLIENT->state, THREAD_BLOCKED_SEND);
    supervisor_end(SERVER);                                          /* the handler's component */
    assert_int_equal(CLIENT->state, THREAD_FAULTED);
    assert_null(FAULT_EP->senders.head);
    assert_non_null(strstr(fake_console, "thread client.main stopped: its fault handler is gone"));
    /* A later fault finds the handler dead: it is unhandled. */
    WORKER->fault_ep = FAULT_EP;
    assert_int_equal(ipc_send_fault(WORKER, &data_abort), ERR_PEER_DEAD);
    assert_int_equal(WORKER->in_fault, 0);
    assert_int_equal(WORKER->state, THREAD_RUNNABLE);
}

static void a_restart_fails_the_callers_and_starts_the_threads_again(void **state)
{
    (void)state;
    SERVER_VS->restart_max = 3;
    client_waits_for_its_reply();
    SERVER->ctx.pc = 0xdead;
    SERVER->tls = 0x1234;
    HANDLER->ctx.sp = 0xbeef;
    supervisor_restart(SERVER_VS);
    assert_int_equal(SERVER_VS->restarts, 1);
    assert_false(SERVER_VS->dead);
    assert_int_equal(CLIENT->state, THREAD_RUNNABLE);
    assert_int_equal(CLIENT->ctx.r[0], ERR_PEER_DEAD);
    /* Both server threads as at boot: entry, stack, argument, IPC buffer. */
    assert_int_equal(SERVER->state, THREAD_RUNNABLE);
    assert_int_equal(SERVER->ctx.pc, 0x10000);
    assert_int_equal(SERVER->ctx.sp, 0x20800);
    assert_int_equal(SERVER->ctx.r[0], 9);
    assert_int_equal(SERVER->ctx.r[1], 0x21000);
    assert_int_equal(SERVER->tls, 0);
    assert_null(SERVER->reply_to);
    assert_null(SERVER->blocked_on);
    assert_int_equal(HANDLER->state, THREAD_RUNNABLE);
    assert_int_equal(HANDLER->ctx.sp, 0x20c00);
    unit_assert_run_order(4, HANDLER, SERVER, WORKER, CLIENT);   /* the client woken last */
    /* Not dead: the next call waits for the new server, which takes it. */
    assert_int_equal(ipc_send(CLIENT, EP, 0x11, IPC_BLOCK | IPC_CALL), ERR_OK);
    assert_int_equal(CLIENT->state, THREAD_BLOCKED_SEND);
    assert_int_equal(ipc_recv(SERVER, EP, 1), ERR_OK);
    assert_ptr_equal(SERVER->reply_to, CLIENT);
    assert_int_equal(ipc_reply(SERVER), ERR_OK);
    assert_int_equal(CLIENT->state, THREAD_RUNNABLE);
    assert_int_equal(CLIENT->ctx.r[0], ERR_OK);
}

static void a_restart_puts_back_writable_memory_only(void **state)
{
    (void)state;
    SERVER_VS->restart_max = SPEC_RESTART_ALWAYS;
    memset(fake_server_mem + 0x1000, 0x77, 0x3000);         /* data, stacks: writable */
    fake_server_mem[sizeof(fake_server_text)] = 0x66;        /* text: read-only, past its bytes */
    fake_shared[0] = 0x55;                                   /* a dataport: kept */
    supervisor_restart(SERVER_VS);
    for (unsigned i = 0x1000; i < 0x4000; i++)
        assert_int_equal(fake_server_mem[i], 0);
    assert_memory_equal(fake_server_mem, fake_server_text, sizeof(fake_server_text));
    assert_int_equal(fake_server_mem[sizeof(fake_server_text)], 0x66);
    assert_int_equal(fake_shared[0], 0x55);
    fake_shared[0] = 0;
}

static void a_client_copies_its_data_again(void **state)
{
    (void)state;
    /* The client's text segment is R X; make a writable copy of its kind. */
    CLIENT_VS->restart_max = 1;
    memset(fake_client_mem + 0x2000, 0x77, 0x3000);
    supervisor_restart(CLIENT_VS);
    for (unsigned i = 0x2000; i < 0x5000; i++)
        assert_int_equal(fake_client_mem[i], 0);
    assert_false(supervisor_will_restart(CLIENT_VS));       /* its one restart used */
}

static void a_server_replying_to_a_restarted_caller_gets_peer_dead(void **state)
{
    (void)state;
    CLIENT_VS->restart_max = 1;
    client_waits_for_its_reply();
    supervisor_restart(CLIENT_VS);
    assert_null(SERVER->reply_to);
    assert_int_equal(CLIENT->state, THREAD_RUNNABLE);        /* restarted, not replied to */
    assert_int_equal(CLIENT->ctx.pc, 0x10000);
    assert_int_equal(ipc_reply(SERVER), ERR_PEER_DEAD);      /* the reply is dropped */
    assert_int_equal(ipc_reply(SERVER), ERR_NO_REPLY);       /* said once */
    assert_int_equal(CLIENT->ctx.pc, 0x10000);
}

static void a_restart_resets_timers_and_notifications_it_alone_waits_on(void **state)
{
    (void)state;
    fake_client_caps[CAP_EMPTY] = (struct cap){ OBJ_NOTIFICATION, RIGHT_WAIT, 1, 0 };  /* its timer's */
    supervisor_init();
    CLIENT_VS->restart_max = 1;
    timer_arm(CLIENT, 0, 100, 100);
    assert_true(timer_any_armed());
    notifications[1].word = 0x100;
    notifications[0].word = 0x4;                             /* nobody's alone: kept */
    assert_int_equal(ntfn_wait(WORKER, &notifications[2], 1), ERR_OK);  /* a wait of its own */
    supervisor_restart(CLIENT_VS);
    assert_false(timer_any_armed());
    assert_int_equal(notifications[1].word, 0);
    assert_int_equal(notifications[0].word, 0x4);
    assert_null(notifications[2].waiters.head);
    assert_int_equal(WORKER->state, THREAD_RUNNABLE);
}

static void a_restart_counts_a_finished_control_thread_again(void **state)
{
    (void)state;
    CLIENT_VS->restart_max = 1;
    assert_false(system_finished());
    thread_stop(CLIENT, THREAD_EXITED, 0);                   /* the only control thread */
    assert_true(system_finished());
    supervisor_restart(CLIENT_VS);
    assert_false(system_finished());
    assert_int_equal(CLIENT->state, THREAD_RUNNABLE);
}

static void a_server_is_a_component_others_can_send_to(void **state)
{
    (void)state;
    assert_true(supervisor_serves(SERVER_VS));               /* the client sends on endpoint 0 */
    assert_false(supervisor_serves(CLIENT_VS));              /* receives on nothing */
    fake_client_caps[CAP_CALL].type = OBJ_EMPTY;
    fake_client_caps[CAP_SEND].type = OBJ_EMPTY;
    assert_false(supervisor_serves(SERVER_VS));              /* nobody else can reach it */
}

static void a_dead_component_stops_every_thread_once(void **state)
{
    (void)state;
    thread_stop(WORKER, THREAD_EXITED, 0);
    assert_int_equal(supervisor_end(CLIENT), 0);              /* the worker had finished */
    assert_int_equal(CLIENT->state, THREAD_FAULTED);
    assert_int_equal(WORKER->state, THREAD_EXITED);
    assert_true(system_finished());
    /* The server received nothing from it; its endpoints are the server's, alive. */
    assert_false(supervisor_endpoint_dead(EP));
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup(never_is_the_default_and_restarts_nothing, unit_setup),
        cmocka_unit_test_setup(a_caller_waiting_for_a_dead_server_gets_peer_dead, unit_setup),
        cmocka_unit_test_setup(a_sender_queued_on_a_dead_server_gets_peer_dead, unit_setup),
        cmocka_unit_test_setup(every_later_call_to_a_dead_server_gets_peer_dead, unit_setup),
        cmocka_unit_test_setup(a_fault_waiting_for_a_dead_handler_stops_its_thread, unit_setup),
        cmocka_unit_test_setup(a_restart_fails_the_callers_and_starts_the_threads_again, unit_setup),
        cmocka_unit_test_setup(a_restart_puts_back_writable_memory_only, unit_setup),
        cmocka_unit_test_setup(a_client_copies_its_data_again, unit_setup),
        cmocka_unit_test_setup(a_server_replying_to_a_restarted_caller_gets_peer_dead, unit_setup),
        cmocka_unit_test_setup(a_restart_resets_timers_and_notifications_it_alone_waits_on, unit_setup),
        cmocka_unit_test_setup(a_restart_counts_a_finished_control_thread_again, unit_setup),
        cmocka_unit_test_setup(a_server_is_a_component_others_can_send_to, unit_setup),
        cmocka_unit_test_setup(a_dead_component_stops_every_thread_once, unit_setup),
    };
    unit_filter_from_env();
    return cmocka_run_group_tests_name("supervisor", tests, NULL, NULL);
}
