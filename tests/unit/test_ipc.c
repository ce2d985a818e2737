// SPDX-License-Identifier: BSD-2-Clause
/*
 * kernel/ipc.c: the endpoint state machine. A message goes from the sender's
 * r1-r5 and IPC buffer to the receiver's, with the badge in r6 and r0 =
 * ERR_OK; a call leaves the caller waiting for the reply and the receiver a
 * one-shot reply right; a fault travels as a call whose reply resumes or stops
 * the thread; ipc_cancel takes a thread out of whatever it waits in.
 */
#include <kernel/ipc.h>
#include <kernel/notification.h>
#include <kernel/sched.h>
#include <tessera/abi.h>
#include "unit.h"

#define EP       (&endpoints[0])
#define FAULT_EP (&endpoints[1])
#define JUNK     0x5a5a5a5au

/* Fill t's r0-r6 with junk so that a test sees which registers IPC wrote. */
static void junk_registers(struct thread *t)
{
    for (unsigned i = 0; i < 7; i++)
        t->ctx.r[i] = JUNK + i;
}

static void assert_message(const struct thread *t, uintptr_t info, uintptr_t mr0, uintptr_t mr1,
                           uintptr_t mr2, uintptr_t mr3, uintptr_t badge)
{
    assert_int_equal(t->ctx.r[0], ERR_OK);
    assert_int_equal(t->ctx.r[1], info);
    assert_int_equal(t->ctx.r[2], mr0);
    assert_int_equal(t->ctx.r[3], mr1);
    assert_int_equal(t->ctx.r[4], mr2);
    assert_int_equal(t->ctx.r[5], mr3);
    assert_int_equal(t->ctx.r[6], badge);
}

/* SERVER waits on EP (and leaves the run queue). */
static void server_waits(void)
{
    junk_registers(SERVER);
    assert_int_equal(ipc_recv(SERVER, EP, 1), ERR_OK);
    assert_int_equal(SERVER->state, THREAD_BLOCKED_RECV);
    assert_ptr_equal(SERVER->blocked_on, EP);
    assert_ptr_equal(EP->receivers.head, SERVER);
}

static void send_to_a_waiting_receiver(void **state)
{
    (void)state;
    server_waits();
    unit_assert_run_order(3, HANDLER, CLIENT, WORKER);

    unit_set_message(CLIENT, MSG_INFO(0x42, 3), 0xa, 0xb, 0xc, 0xd);
    assert_int_equal(ipc_send(CLIENT, EP, 0x11, IPC_BLOCK), ERR_OK);

    assert_int_equal(CLIENT->state, THREAD_RUNNABLE);
    assert_int_equal(SERVER->state, THREAD_RUNNABLE);
    assert_null(SERVER->blocked_on);
    assert_null(EP->receivers.head);
    assert_message(SERVER, MSG_INFO(0x42, 3), 0xa, 0xb, 0xc, 0xd, 0x11);
    assert_null(SERVER->reply_to);              /* a send, not a call */
    unit_assert_run_order(4, HANDLER, SERVER, CLIENT, WORKER);
}

static void sender_cannot_forge_the_notification_flag(void **state)
{
    (void)state;
    server_waits();
    unit_set_message(CLIENT, MSG_INFO(0x42, 1) | MSG_NOTIFICATION_FLAG, 0xa, 0, 0, 0);
    assert_int_equal(ipc_send(CLIENT, EP, 0x11, IPC_BLOCK), ERR_OK);
    assert_int_equal(SERVER->ctx.r[1], MSG_INFO(0x42, 1));
}

static void send_blocks_then_recv_takes_it(void **state)
{
    (void)state;
    junk_registers(CLIENT);
    unit_set_message(CLIENT, MSG_INFO(5, 2), 0x100, 0x200, 0x300, 0x400);
    assert_int_equal(ipc_send(CLIENT, EP, 0x22, IPC_BLOCK), ERR_OK);
    assert_int_equal(CLIENT->state, THREAD_BLOCKED_SEND);
    assert_ptr_equal(CLIENT->blocked_on, EP);
    assert_ptr_equal(EP->senders.head, CLIENT);
    unit_assert_run_order(3, HANDLER, SERVER, WORKER);

    junk_registers(SERVER);
    assert_int_equal(ipc_recv(SERVER, EP, 1), ERR_OK);
    assert_int_equal(SERVER->state, THREAD_RUNNABLE);
    assert_message(SERVER, MSG_INFO(5, 2), 0x100, 0x200, 0x300, 0x400, 0x22);
    assert_null(SERVER->reply_to);
    assert_int_equal(CLIENT->state, THREAD_RUNNABLE);
    assert_null(CLIENT->blocked_on);
    assert_int_equal(CLIENT->ctx.r[0], ERR_OK); /* its send's result */
    assert_null(EP->senders.head);
    unit_assert_run_order(4, HANDLER, SERVER, WORKER, CLIENT);
}

static void call_then_reply(void **state)
{
    (void)state;
    server_waits();
    junk_registers(CLIENT);
    unit_set_message(CLIENT, MSG_INFO(7, 2), 1, 2, 0, 0);
    assert_int_equal(ipc_send(CLIENT, EP, 0x11, IPC_BLOCK | IPC_CALL), ERR_OK);

    assert_int_equal(CLIENT->state, THREAD_BLOCKED_REPLY);
    assert_ptr_equal(SERVER->reply_to, CLIENT);
    assert_message(SERVER, MSG_INFO(7, 2), 1, 2, 0, 0, 0x11);
    unit_assert_run_order(3, HANDLER, SERVER, WORKER);

    unit_set_message(SERVER, MSG_INFO(9, 1), 0x1234, 0x77, 0x78, 0x79);
    assert_int_equal(ipc_reply(SERVER), ERR_OK);
    assert_null(SERVER->reply_to);
    assert_int_equal(CLIENT->state, THREAD_RUNNABLE);
    assert_message(CLIENT, MSG_INFO(9, 1), 0x1234, 0x77, 0x78, 0x79, 0);
    unit_assert_run_order(4, HANDLER, SERVER, WORKER, CLIENT);

    /* The right was one-shot. */
    junk_registers(CLIENT);
    assert_int_equal(ipc_reply(SERVER), ERR_NO_REPLY);
    assert_int_equal(CLIENT->ctx.r[0], JUNK);
}

static void call_blocks_then_recv_gets_the_reply_right(void **state)
{
    (void)state;
    unit_set_message(CLIENT, MSG_INFO(3, 0), 0, 0, 0, 0);
    assert_int_equal(ipc_send(CLIENT, EP, 0x11, IPC_BLOCK | IPC_CALL), ERR_OK);
    assert_int_equal(CLIENT->state, THREAD_BLOCKED_SEND);

    assert_int_equal(ipc_recv(SERVER, EP, 1), ERR_OK);
    assert_int_equal(SERVER->ctx.r[1], MSG_INFO(3, 0));
    assert_int_equal(SERVER->ctx.r[6], 0x11);
    assert_ptr_equal(SERVER->reply_to, CLIENT);
    assert_int_equal(CLIENT->state, THREAD_BLOCKED_REPLY);
    assert_null(CLIENT->blocked_on);
    assert_null(EP->senders.head);
    unit_assert_run_order(3, HANDLER, SERVER, WORKER);

    unit_set_message(SERVER, MSG_INFO(4, 1), 0xbeef, 0, 0, 0);
    assert_int_equal(ipc_reply(SERVER), ERR_OK);
    assert_int_equal(CLIENT->state, THREAD_RUNNABLE);
    assert_int_equal(CLIENT->ctx.r[0], ERR_OK);
    assert_int_equal(CLIENT->ctx.r[1], MSG_INFO(4, 1));
    assert_int_equal(CLIENT->ctx.r[2], 0xbeef);
}

static void reply_without_a_reply_right(void **state)
{
    (void)state;
    junk_registers(SERVER);
    assert_int_equal(ipc_reply(SERVER), ERR_NO_REPLY);
    assert_int_equal(SERVER->ctx.r[0], JUNK);
    unit_assert_run_order(4, HANDLER, SERVER, CLIENT, WORKER);

    /* A plain send gives no reply right either. */
    server_waits();
    assert_int_equal(ipc_send(CLIENT, EP, 0x22, IPC_BLOCK), ERR_OK);
    assert_int_equal(ipc_reply(SERVER), ERR_NO_REPLY);
}

static void senders_queue_in_order_with_their_badges(void **state)
{
    (void)state;
    unit_set_message(CLIENT, MSG_INFO(1, 1), 0xc1, 0, 0, 0);
    unit_set_message(WORKER, MSG_INFO(2, 1), 0x3c, 0, 0, 0);
    assert_int_equal(ipc_send(CLIENT, EP, 0x11, IPC_BLOCK), ERR_OK);
    assert_int_equal(ipc_send(WORKER, EP, 0x22, IPC_BLOCK | IPC_CALL), ERR_OK);

    assert_int_equal(ipc_recv(SERVER, EP, 1), ERR_OK);
    assert_int_equal(SERVER->ctx.r[1], MSG_INFO(1, 1));
    assert_int_equal(SERVER->ctx.r[2], 0xc1);
    assert_int_equal(SERVER->ctx.r[6], 0x11);
    assert_null(SERVER->reply_to);

    assert_int_equal(ipc_recv(SERVER, EP, 1), ERR_OK);
    assert_int_equal(SERVER->ctx.r[1], MSG_INFO(2, 1));
    assert_int_equal(SERVER->ctx.r[2], 0x3c);
    assert_int_equal(SERVER->ctx.r[6], 0x22);
    assert_ptr_equal(SERVER->reply_to, WORKER);
    assert_null(EP->senders.head);
    assert_null(EP->senders.tail);
}

static void long_messages_travel_in_the_ipc_buffers(void **state)
{
    (void)state;
    uintptr_t *out = CLIENT->ipc_buffer, *in = SERVER->ipc_buffer;

    assert_non_null(out);
    assert_non_null(in);
    for (unsigned i = 0; i < 4096 / sizeof(uintptr_t); i++) {
        out[i] = 0xc0de0000u + i;
        in[i] = 0xeeeeeeeeu;
    }
    server_waits();
    unit_set_message(CLIENT, MSG_INFO(0x99, MSG_MAX_WORDS), 10, 11, 12, 13);
    assert_int_equal(ipc_send(CLIENT, EP, 0x11, IPC_BLOCK | IPC_CALL), ERR_OK);

    assert_message(SERVER, MSG_INFO(0x99, MSG_MAX_WORDS), 10, 11, 12, 13, 0x11);
    for (unsigned i = 0; i < MSG_REGISTER_WORDS; i++)
        assert_int_equal(in[i], 0xeeeeeeeeu);           /* MR0-MR3 are registers */
    for (unsigned i = MSG_REGISTER_WORDS; i < MSG_MAX_WORDS; i++)
        assert_int_equal(in[i], 0xc0de0000u + i);
    for (unsigned i = MSG_MAX_WORDS; i < 4096 / sizeof(uintptr_t); i++)
        assert_int_equal(in[i], 0xeeeeeeeeu);           /* nothing past the length */

    /* And back: a 5-word reply copies MR4 only. */
    in[4] = 0xfeed;
    in[5] = 0xf00d;
    unit_set_message(SERVER, MSG_INFO(1, 5), 0, 0, 0, 0);
    assert_int_equal(ipc_reply(SERVER), ERR_OK);
    assert_int_equal(out[4], 0xfeed);
    assert_int_equal(out[5], 0xc0de0005u);
}

static void nonblocking_calls_without_a_partner_would_block(void **state)
{
    (void)state;
    junk_registers(CLIENT);
    assert_int_equal(ipc_send(CLIENT, EP, 0x11, 0), ERR_WOULD_BLOCK);
    assert_int_equal(CLIENT->state, THREAD_RUNNABLE);
    assert_null(EP->senders.head);
    assert_null(CLIENT->blocked_on);

    assert_int_equal(ipc_recv(SERVER, EP, 0), ERR_WOULD_BLOCK);
    assert_int_equal(SERVER->state, THREAD_RUNNABLE);
    assert_null(EP->receivers.head);
    assert_null(SERVER->blocked_on);
    unit_assert_run_order(4, HANDLER, SERVER, CLIENT, WORKER);
}

static void nonblocking_calls_with_a_partner_go_through(void **state)
{
    (void)state;
    server_waits();
    unit_set_message(CLIENT, MSG_INFO(1, 0), 0, 0, 0, 0);
    assert_int_equal(ipc_send(CLIENT, EP, 0x22, 0), ERR_OK);
    assert_int_equal(SERVER->state, THREAD_RUNNABLE);
    assert_int_equal(SERVER->ctx.r[6], 0x22);

    assert_int_equal(ipc_send(WORKER, EP, 0x33, IPC_BLOCK), ERR_OK);
    assert_int_equal(ipc_recv(SERVER, EP, 0), ERR_OK);
    assert_int_equal(SERVER->ctx.r[6], 0x33);
    assert_int_equal(WORKER->state, THREAD_RUNNABLE);
}

static void a_recv_keeps_the_reply_right_until_a_new_call_takes_its_place(void **state)
{
    (void)state;
    server_waits();
    assert_int_equal(ipc_send(CLIENT, EP, 0x11, IPC_BLOCK | IPC_CALL), ERR_OK);
    assert_ptr_equal(SERVER->reply_to, CLIENT);

    /* A handler blocks on a lock (a receive that a plain send ends): the right stays. */
    assert_int_equal(ipc_recv(SERVER, EP, 0), ERR_WOULD_BLOCK);
    assert_ptr_equal(SERVER->reply_to, CLIENT);
    assert_int_equal(ipc_recv(SERVER, EP, 1), ERR_OK);
    assert_int_equal(ipc_send(WORKER, EP, 0x22, IPC_BLOCK), ERR_OK);
    assert_int_equal(SERVER->ctx.r[6], 0x22);
    assert_ptr_equal(SERVER->reply_to, CLIENT);
    assert_int_equal(ipc_reply(SERVER), ERR_OK);
    assert_int_equal(CLIENT->state, THREAD_RUNNABLE);

    /* A new call takes the place of a right still held. */
    assert_int_equal(ipc_send(CLIENT, EP, 0x11, IPC_BLOCK | IPC_CALL), ERR_OK);
    assert_int_equal(ipc_recv(SERVER, EP, 1), ERR_OK);
    assert_ptr_equal(SERVER->reply_to, CLIENT);
    assert_int_equal(ipc_send(WORKER, EP, 0x33, IPC_BLOCK | IPC_CALL), ERR_OK);
    assert_int_equal(ipc_recv(SERVER, EP, 1), ERR_OK);
    assert_ptr_equal(SERVER->reply_to, WORKER);
}

static void cancel_a_blocked_sender(void **state)
{
    (void)state;
    CLIENT->ctx.pc = 0x10104;
    CLIENT->ctx.r[7] = SYS_SEND;
    assert_int_equal(ipc_send(CLIENT, EP, 0x11, IPC_BLOCK), ERR_OK);
    assert_int_equal(ipc_send(WORKER, EP, 0x22, IPC_BLOCK), ERR_OK);

    ipc_cancel(CLIENT);
    assert_null(CLIENT->blocked_on);
    assert_int_equal(CLIENT->ctx.restarts, 1);  /* it re-issues the send when resumed */
    assert_int_equal(CLIENT->ctx.r[7], SYS_SEND);
    assert_int_equal(CLIENT->ctx.pc, 0x10100);
    assert_ptr_equal(EP->senders.head, WORKER);
    assert_ptr_equal(EP->senders.tail, WORKER);

    assert_int_equal(ipc_recv(SERVER, EP, 0), ERR_OK);
    assert_int_equal(SERVER->ctx.r[6], 0x22);
    assert_int_equal(ipc_recv(SERVER, EP, 0), ERR_WOULD_BLOCK);
}

static void cancel_a_blocked_receiver(void **state)
{
    (void)state;
    server_waits();
    SERVER->ctx.r[7] = SYS_REPLY_RECV;          /* as a fast path may leave it, or never saved */
    ipc_cancel(SERVER);
    assert_null(SERVER->blocked_on);
    assert_null(EP->receivers.head);
    assert_int_equal(SERVER->ctx.restarts, 1);
    assert_int_equal(SERVER->ctx.r[7], SYS_RECV);   /* a receive is what is left to do */
    thread_block(SERVER, THREAD_SUSPENDED);

    assert_int_equal(ipc_send(CLIENT, EP, 0x11, 0), ERR_WOULD_BLOCK);
    assert_int_equal(SERVER->state, THREAD_SUSPENDED);
}

static void cancel_a_caller_waiting_for_its_reply(void **state)
{
    (void)state;
    server_waits();
    assert_int_equal(ipc_send(CLIENT, EP, 0x11, IPC_BLOCK | IPC_CALL), ERR_OK);
    assert_ptr_equal(SERVER->reply_to, CLIENT);

    CLIENT->ctx.r[7] = 0;                       /* the x86_64 fast path does not save the number */
    ipc_cancel(CLIENT);
    assert_null(SERVER->reply_to);              /* the server can no longer reply */
    assert_int_equal(CLIENT->ctx.restarts, 1);
    assert_int_equal(CLIENT->ctx.r[7], SYS_CALL);
    assert_int_equal(ipc_reply(SERVER), ERR_NO_REPLY);
}

static void cancel_of_a_runnable_thread_does_nothing(void **state)
{
    (void)state;
    CLIENT->ctx.pc = 0x10104;
    ipc_cancel(CLIENT);
    assert_int_equal(CLIENT->ctx.restarts, 0);
    assert_int_equal(CLIENT->ctx.pc, 0x10104);
    assert_int_equal(CLIENT->state, THREAD_RUNNABLE);
}

static void stopping_a_queued_sender_leaves_the_endpoint_consistent(void **state)
{
    (void)state;
    assert_int_equal(ipc_send(CLIENT, EP, 0x11, IPC_BLOCK), ERR_OK);
    assert_int_equal(ipc_send(WORKER, EP, 0x22, IPC_BLOCK), ERR_OK);
    thread_stop(WORKER, THREAD_EXITED, 0);      /* the tail */
    assert_int_equal(WORKER->state, THREAD_EXITED);

    assert_int_equal(ipc_recv(SERVER, EP, 0), ERR_OK);
    assert_int_equal(SERVER->ctx.r[6], 0x11);
    assert_null(EP->senders.head);
    assert_null(EP->senders.tail);
}

/* Its address is in the top page: every bit of a register-wide word set but
 * the low 13 (0xffffe000 on a 32-bit host), so a message that cut a word to
 * 32 bits on a 64-bit host would show. */
#define FAR_ADDRESS ((uintptr_t)0 - 0x2000)
static const struct fault_msg data_abort = {
    .label = FAULT_DATA_ABORT,
    .mr = { [FAULT_MR_DETAIL] = 7, [FAULT_MR_ADDRESS] = FAR_ADDRESS, [FAULT_MR_SYNDROME] = 0x93c08006,
            [FAULT_MR_PC] = 0x10020 },
};

/* CLIENT (fault endpoint 1, badge 0xfa) faults while HANDLER waits there. */
static void client_faults_to_a_waiting_handler(void)
{
    junk_registers(CLIENT);
    CLIENT->ctx.pc = 0x10020;
    CLIENT->ctx.sp = 0x207f0;
    assert_int_equal(ipc_recv(HANDLER, FAULT_EP, 1), ERR_OK);
    ipc_send_fault(CLIENT, &data_abort);
}

static void fault_is_delivered_as_a_call(void **state)
{
    (void)state;
    client_faults_to_a_waiting_handler();

    assert_int_equal(CLIENT->state, THREAD_BLOCKED_REPLY);
    assert_int_equal(HANDLER->state, THREAD_RUNNABLE);
    assert_ptr_equal(HANDLER->fault_to, CLIENT);    /* a fault's reply right, */
    assert_null(HANDLER->reply_to);                 /* not an ordinary one (the fast paths' test) */
    assert_ptr_equal(reply_right(HANDLER), CLIENT);
    assert_message(HANDLER, MSG_INFO(FAULT_DATA_ABORT, 4), 7, FAR_ADDRESS, 0x93c08006, 0x10020, 0xfa);
    unit_assert_run_order(3, HANDLER, SERVER, WORKER);
}

static void fault_waits_for_its_handler(void **state)
{
    (void)state;
    junk_registers(CLIENT);
    ipc_send_fault(CLIENT, &data_abort);
    assert_int_equal(CLIENT->state, THREAD_BLOCKED_SEND);
    assert_ptr_equal(FAULT_EP->senders.head, CLIENT);

    assert_int_equal(ipc_recv(HANDLER, FAULT_EP, 1), ERR_OK);
    assert_message(HANDLER, MSG_INFO(FAULT_DATA_ABORT, 4), 7, FAR_ADDRESS, 0x93c08006, 0x10020, 0xfa);
    assert_ptr_equal(HANDLER->fault_to, CLIENT);
    assert_null(HANDLER->reply_to);
    assert_int_equal(CLIENT->state, THREAD_BLOCKED_REPLY);
}

static void fault_reply_resume_sets_pc_r0_and_sp(void **state)
{
    (void)state;
    client_faults_to_a_waiting_handler();

    unit_set_message(HANDLER, MSG_INFO(FAULT_RESUME, 3), 0x10200, 0x55, 0x20f00, 0x66);
    assert_int_equal(ipc_reply(HANDLER), ERR_OK);
    assert_int_equal(CLIENT->state, THREAD_RUNNABLE);
    assert_int_equal(CLIENT->in_fault, 0);
    assert_int_equal(CLIENT->ctx.pc, 0x10200);
    assert_int_equal(CLIENT->ctx.sp, 0x20f00);
    assert_int_equal(CLIENT->ctx.r[0], 0x55);
    for (unsigned i = 1; i < 7; i++)            /* no message lands in a faulted context */
        assert_int_equal(CLIENT->ctx.r[i], JUNK + i);
    assert_int_equal(CLIENT->ctx.restarts, 0);
    assert_string_equal(fake_console, "");
    unit_assert_run_order(4, HANDLER, SERVER, WORKER, CLIENT);
}

/* A handler holding a fault's reply right receives a call: the call's right
 * does not take the fault's; the first reply answers the call, the next the
 * fault. */
static void a_call_to_a_fault_handler_keeps_the_fault_right(void **state)
{
    (void)state;
    client_faults_to_a_waiting_handler();
    assert_int_equal(ipc_recv(HANDLER, EP, 1), ERR_OK);
    assert_int_equal(ipc_send(WORKER, EP, 0x22, IPC_BLOCK | IPC_CALL), ERR_OK);
    assert_ptr_equal(HANDLER->reply_to, WORKER);
    assert_ptr_equal(HANDLER->fault_to, CLIENT);

    unit_set_message(HANDLER, MSG_INFO(7, 1), 0x77, 0, 0, 0);
    assert_int_equal(ipc_reply(HANDLER), ERR_OK);
    assert_int_equal(WORKER->state, THREAD_RUNNABLE);
    assert_int_equal(WORKER->ctx.r[2], 0x77);
    assert_int_equal(CLIENT->state, THREAD_BLOCKED_REPLY);

    unit_set_message(HANDLER, MSG_INFO(FAULT_RESUME, 1), 0x10024, 0, 0, 0);
    assert_int_equal(ipc_reply(HANDLER), ERR_OK);
    assert_int_equal(CLIENT->state, THREAD_RUNNABLE);
    assert_int_equal(CLIENT->ctx.pc, 0x10024);
    assert_null(reply_right(HANDLER));
    assert_int_equal(ipc_reply(HANDLER), ERR_NO_REPLY);
}

static void fault_reply_resume_with_pc_only(void **state)
{
    (void)state;
    client_faults_to_a_waiting_handler();

    unit_set_message(HANDLER, MSG_INFO(FAULT_RESUME, 1), 0x10024, 0x1, 0x2, 0x3);
    assert_int_equal(ipc_reply(HANDLER), ERR_OK);
    assert_int_equal(CLIENT->state, THREAD_RUNNABLE);
    assert_int_equal(CLIENT->ctx.pc, 0x10024);
    assert_int_equal(CLIENT->ctx.sp, 0x207f0);
    assert_int_equal(CLIENT->ctx.r[0], JUNK);
}

static void fault_reply_resume_with_pc_and_r0(void **state)
{
    (void)state;
    client_faults_to_a_waiting_handler();

    unit_set_message(HANDLER, MSG_INFO(FAULT_RESUME, 2), 0x10028, 0, 0x20f00, 0);
    assert_int_equal(ipc_reply(HANDLER), ERR_OK);
    assert_int_equal(CLIENT->ctx.pc, 0x10028);
    assert_int_equal(CLIENT->ctx.r[0], 0);
    assert_int_equal(CLIENT->ctx.sp, 0x207f0);
}

static void fault_reply_other_label_stops_the_thread(void **state)
{
    (void)state;
    client_faults_to_a_waiting_handler();

    unit_set_message(HANDLER, MSG_INFO(0x1234, 1), 0x10200, 0, 0, 0);
    assert_int_equal(ipc_reply(HANDLER), ERR_OK);
    assert_int_equal(CLIENT->state, THREAD_FAULTED);
    assert_int_equal(CLIENT->exit_status, EXIT_FAULT);
    assert_int_equal(CLIENT->in_fault, 0);
    assert_int_equal(CLIENT->ctx.pc, 0x10020);  /* left where it faulted */
    assert_string_equal(fake_console,
                        "fault: thread client.main left stopped by its fault handler\r\n");
    assert_null(reply_right(HANDLER));
    unit_assert_run_order(3, HANDLER, SERVER, WORKER);
}

static void fault_reply_resume_without_a_pc_stops_the_thread(void **state)
{
    (void)state;
    client_faults_to_a_waiting_handler();

    unit_set_message(HANDLER, MSG_INFO(FAULT_RESUME, 0), 0x10200, 0, 0, 0);
    assert_int_equal(ipc_reply(HANDLER), ERR_OK);
    assert_int_equal(CLIENT->state, THREAD_FAULTED);
    assert_int_equal(CLIENT->ctx.pc, 0x10020);
}

static void cancel_a_fault_waiting_for_its_handler(void **state)
{
    (void)state;
    CLIENT->ctx.pc = 0x10020;
    ipc_send_fault(CLIENT, &data_abort);
    ipc_cancel(CLIENT);
    assert_null(FAULT_EP->senders.head);
    assert_int_equal(CLIENT->in_fault, 0);
    assert_int_equal(CLIENT->ctx.restarts, 0);  /* it re-executes the faulting instruction */
    assert_int_equal(CLIENT->ctx.pc, 0x10020);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup(send_to_a_waiting_receiver, unit_setup),
        cmocka_unit_test_setup(sender_cannot_forge_the_notification_flag, unit_setup),
        cmocka_unit_test_setup(send_blocks_then_recv_takes_it, unit_setup),
        cmocka_unit_test_setup(call_then_reply, unit_setup),
        cmocka_unit_test_setup(call_blocks_then_recv_gets_the_reply_right, unit_setup),
        cmocka_unit_test_setup(reply_without_a_reply_right, unit_setup),
        cmocka_unit_test_setup(senders_queue_in_order_with_their_badges, unit_setup),
        cmocka_unit_test_setup(long_messages_travel_in_the_ipc_buffers, unit_setup),
        cmocka_unit_test_setup(nonblocking_calls_without_a_partner_would_block, unit_setup),
        cmocka_unit_test_setup(nonblocking_calls_with_a_partner_go_through, unit_setup),
        cmocka_unit_test_setup(a_recv_keeps_the_reply_right_until_a_new_call_takes_its_place, unit_setup),
        cmocka_unit_test_setup(cancel_a_blocked_sender, unit_setup),
        cmocka_unit_test_setup(cancel_a_blocked_receiver, unit_setup),
        cmocka_unit_test_setup(cancel_a_caller_waiting_for_its_reply, unit_setup),
        cmocka_unit_test_setup(cancel_of_a_runnable_thread_does_nothing, unit_setup),
        cmocka_unit_test_setup(stopping_a_queued_sender_leaves_the_endpoint_consistent, unit_setup),
        cmocka_unit_test_setup(fault_is_delivered_as_a_call, unit_setup),
        cmocka_unit_test_setup(fault_waits_for_its_handler, unit_setup),
        cmocka_unit_test_setup(fault_reply_resume_sets_pc_r0_and_sp, unit_setup),
        cmocka_unit_test_setup(fault_reply_resume_with_pc_and_r0, unit_setup),
        cmocka_unit_test_setup(fault_reply_resume_with_pc_only, unit_setup),
        cmocka_unit_test_setup(a_call_to_a_fault_handler_keeps_the_fault_right, unit_setup),
        cmocka_unit_test_setup(fault_reply_other_label_stops_the_thread, unit_setup),
        cmocka_unit_test_setup(fault_reply_resume_without_a_pc_stops_the_thread, unit_setup),
        cmocka_unit_test_setup(cancel_a_fault_waiting_for_its_handler, unit_setup),
    };
    unit_filter_from_env();
    return cmocka_run_group_tests_name("ipc", tests, NULL, NULL);
}
