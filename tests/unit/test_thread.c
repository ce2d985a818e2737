// SPDX-License-Identifier: BSD-2-Clause
/*
 * kernel/vspace.c and kernel/thread.c: booting the spec (segments copied and
 * zeroed, mappings, contexts, links), the FIFO thread queues,
 * wake/block/stop, and thread_user_ptr (vspace_user_ptr), which must refuse
 * every user range that is not wholly inside one segment with the rights
 * asked, whatever the values.
 */
#include <string.h>
#include <kernel/ipc.h>
#include <kernel/notification.h>
#include <kernel/sched.h>
#include <kernel/vspace.h>
#include <tessera/abi.h>
#include "unit.h"

static void boot_copies_segments_and_zeroes_the_rest(void **state)
{
    (void)state;
    unit_clear();
    memset(fake_client_mem, 0xaa, sizeof(fake_client_mem));
    memset(fake_server_mem, 0xbb, sizeof(fake_server_mem));
    vspace_create_all();
    thread_create_all();

    assert_memory_equal(fake_client_mem, fake_client_text, sizeof(fake_client_text));
    for (size_t i = sizeof(fake_client_text); i < sizeof(fake_client_mem); i++)
        assert_int_equal(fake_client_mem[i], 0);
    assert_memory_equal(fake_server_mem, fake_server_text, sizeof(fake_server_text));
    for (size_t i = sizeof(fake_server_text); i < sizeof(fake_server_mem); i++)
        assert_int_equal(fake_server_mem[i], 0);
}

static void boot_maps_every_segment(void **state)
{
    (void)state;
    const struct arch_vspace *c = &CLIENT->vs->arch, *s = &SERVER->vs->arch;

    assert_ptr_equal(WORKER->vs, CLIENT->vs);
    assert_ptr_equal(HANDLER->vs, SERVER->vs);
    assert_ptr_equal(CLIENT->vs->spec, &spec_vspaces[0]);
    assert_int_equal(c->id, 1);
    assert_int_equal(c->nmaps, 4);
    assert_int_equal(c->maps[0].va, 0x10000);
    assert_ptr_equal((void *)c->maps[0].pa, fake_client_mem);
    assert_int_equal(c->maps[0].size, 0x2000);
    assert_int_equal(c->maps[0].rights, VSPACE_R | VSPACE_X);
    assert_int_equal(c->maps[1].va, 0x20000);
    assert_ptr_equal((void *)c->maps[1].pa, fake_client_mem + 0x2000);
    assert_int_equal(c->maps[1].rights, VSPACE_R | VSPACE_W);
    assert_int_equal(c->maps[2].va, 0x40000);
    assert_int_equal(c->maps[2].pa, 0x09000000);            /* a device: its own address */
    assert_int_equal(c->maps[2].rights, VSPACE_R | VSPACE_W | VSPACE_DEVICE);
    assert_int_equal(s->id, 2);
    assert_int_equal(s->nmaps, 3);
    assert_ptr_equal((void *)s->maps[1].pa, fake_server_mem + 0x1000);
}

static void shared_segments_map_one_buffer_into_both(void **state)
{
    (void)state;
    const struct arch_vspace *c = &CLIENT->vs->arch, *s = &SERVER->vs->arch;

    assert_int_equal(c->maps[3].va, 0x50000);
    assert_ptr_equal((void *)c->maps[3].pa, fake_shared);
    assert_int_equal(c->maps[3].rights, VSPACE_R | VSPACE_W);       /* VSPACE_SHARED is not a right */
    assert_ptr_equal((void *)s->maps[2].pa, fake_shared);
    assert_int_equal(s->maps[2].va, 0x60000);
    /* The kernel's view of a user pointer into it is the shared buffer too. */
    assert_ptr_equal(thread_user_ptr(CLIENT, 0x50010, 16, VSPACE_R | VSPACE_W), fake_shared + 0x10);
    assert_ptr_equal(thread_user_ptr(SERVER, 0x60ff0, 16, VSPACE_R), fake_shared + 0xff0);
    assert_null(thread_user_ptr(SERVER, 0x60ff0, 17, VSPACE_R));
}

static void boot_grants_each_address_space_its_io_ports(void **state)
{
    (void)state;
    const struct arch_vspace *c = &CLIENT->vs->arch, *s = &SERVER->vs->arch;

    assert_int_equal(c->nports, 0);
    assert_int_equal(s->nports, 2);
    assert_int_equal(s->ports[0][0], 0x3f8);
    assert_int_equal(s->ports[0][1], 0x3ff);
    assert_int_equal(s->ports[1][0], 0x60);
    assert_int_equal(s->ports[1][1], 0x60);
}

static void boot_fills_each_thread_from_its_spec(void **state)
{
    (void)state;
    for (unsigned i = 0; i < FAKE_NTHREADS; i++) {
        const struct thread *t = &threads[i];
        const struct spec_thread *s = &spec_threads[i];
        assert_ptr_equal(t->spec, s);
        assert_int_equal(t->state, THREAD_RUNNABLE);
        assert_int_equal(t->priority, s->priority);
        assert_int_equal(t->slice_left, s->timeslice_ticks);
        assert_int_equal(t->ctx.pc, s->entry);
        assert_int_equal(t->ctx.sp, s->stack_top);
        assert_int_equal(t->ctx.r[0], s->arg);
        assert_int_equal(t->ctx.r[1], s->ipc_buffer);
    }
    assert_ptr_equal(CLIENT->ipc_buffer, fake_client_mem + 0x2000 + 0x1000);
    assert_ptr_equal(WORKER->ipc_buffer, fake_client_mem + 0x2000 + 0x2000);
    assert_ptr_equal(SERVER->ipc_buffer, fake_server_mem + 0x1000 + 0x1000);
    assert_ptr_equal(HANDLER->ipc_buffer, fake_server_mem + 0x1000 + 0x2000);

    assert_ptr_equal(CLIENT->fault_ep, &endpoints[1]);
    assert_int_equal(CLIENT->fault_badge, 0xfa);
    assert_null(WORKER->fault_ep);
    assert_ptr_equal(CLIENT->timer_ntfn, &notifications[1]);
    assert_int_equal(CLIENT->timer_badge, 0x100);
    assert_null(SERVER->timer_ntfn);
    assert_ptr_equal(WORKER->bound, &notifications[0]);
    assert_ptr_equal(notifications[0].bound, WORKER);
    assert_null(CLIENT->bound);
    unit_assert_run_order(4, HANDLER, SERVER, CLIENT, WORKER);
}

static void boot_stops_when_the_page_table_pool_runs_out(void **state)
{
    (void)state;
    unit_clear();
    fake_map_fails = 1;
    FAKE_CATCH(vspace_create_all());
    assert_int_equal(fake_stop, FAKE_STOP_EXIT);
    assert_int_equal(fake_exit_status, EXIT_KERNEL_PANIC);
    assert_string_equal(fake_console,
                        "\r\nKERNEL PANIC: page-table pool exhausted mapping client\r\n"
                        "system halted (status 2)\r\n");
}

static void boot_stops_when_io_ports_cannot_be_granted(void **state)
{
    (void)state;
    unit_clear();
    fake_ports_fail = 1;
    FAKE_CATCH(vspace_create_all());
    assert_int_equal(fake_stop, FAKE_STOP_EXIT);
    assert_int_equal(fake_exit_status, EXIT_KERNEL_PANIC);
    assert_string_equal(fake_console,
                        "\r\nKERNEL PANIC: spec: server: I/O ports 0x3f8-0x3ff cannot be granted "
                        "on this architecture\r\nsystem halted (status 2)\r\n");
}

static void queue_is_fifo(void **state)
{
    (void)state;
    struct thread_queue q = { NULL, NULL };

    assert_null(tq_pop(&q));
    tq_push(&q, CLIENT);
    tq_push(&q, WORKER);
    tq_push(&q, SERVER);
    assert_ptr_equal(tq_pop(&q), CLIENT);
    assert_null(CLIENT->queue_next);
    tq_push(&q, CLIENT);
    assert_ptr_equal(tq_pop(&q), WORKER);
    assert_ptr_equal(tq_pop(&q), SERVER);
    assert_ptr_equal(tq_pop(&q), CLIENT);
    assert_null(tq_pop(&q));
    assert_null(q.head);
    assert_null(q.tail);
}

static void queue_remove_head_middle_tail_and_absent(void **state)
{
    (void)state;
    struct thread_queue q = { NULL, NULL };

    tq_push(&q, CLIENT);
    tq_push(&q, WORKER);
    tq_push(&q, SERVER);
    tq_push(&q, HANDLER);
    assert_int_equal(tq_remove(&q, WORKER), 1);         /* middle */
    assert_null(WORKER->queue_next);
    assert_int_equal(tq_remove(&q, WORKER), 0);         /* absent */
    assert_int_equal(tq_remove(&q, HANDLER), 1);        /* tail */
    assert_ptr_equal(q.tail, SERVER);
    tq_push(&q, WORKER);
    assert_int_equal(tq_remove(&q, CLIENT), 1);         /* head */
    assert_ptr_equal(q.head, SERVER);

    assert_ptr_equal(tq_pop(&q), SERVER);
    assert_ptr_equal(tq_pop(&q), WORKER);
    assert_int_equal(tq_remove(&q, WORKER), 0);         /* empty */
    assert_null(q.head);
    assert_null(q.tail);
}

/* As the x86_64 fast path leaves a queue it took the last thread off: head
 * NULL, tail and the taken thread's queue_next stale. A push must go by the
 * head. */
static void queue_push_after_a_lazy_take(void **state)
{
    (void)state;
    struct thread_queue q = { NULL, NULL };

    tq_push(&q, SERVER);
    q.head = NULL;                                      /* taken, nothing else cleared */
    SERVER->queue_next = WORKER;
    tq_push(&q, CLIENT);
    assert_ptr_equal(q.head, CLIENT);
    assert_ptr_equal(q.tail, CLIENT);
    assert_null(CLIENT->queue_next);
    assert_ptr_equal(SERVER->queue_next, WORKER);       /* the stale one is not linked */
    tq_push(&q, HANDLER);
    assert_ptr_equal(tq_pop(&q), CLIENT);
    assert_ptr_equal(tq_pop(&q), HANDLER);
    assert_null(tq_pop(&q));
}

static void queue_remove_the_only_one(void **state)
{
    (void)state;
    struct thread_queue q = { NULL, NULL };

    tq_push(&q, SERVER);
    assert_int_equal(tq_remove(&q, SERVER), 1);
    assert_null(q.head);
    assert_null(q.tail);
    tq_push(&q, CLIENT);
    assert_ptr_equal(q.head, CLIENT);
    assert_ptr_equal(q.tail, CLIENT);
}

static void block_takes_a_thread_off_the_run_queue(void **state)
{
    (void)state;
    thread_block(SERVER, THREAD_SUSPENDED);
    assert_int_equal(SERVER->state, THREAD_SUSPENDED);
    unit_assert_run_order(3, HANDLER, CLIENT, WORKER);

    thread_block(SERVER, THREAD_BLOCKED_RECV);          /* not runnable: only the state */
    assert_int_equal(SERVER->state, THREAD_BLOCKED_RECV);
    unit_assert_run_order(3, HANDLER, CLIENT, WORKER);
}

static void wake_queues_at_the_back_and_refills_an_empty_slice(void **state)
{
    (void)state;
    thread_block(CLIENT, THREAD_SUSPENDED);
    CLIENT->slice_left = 0;
    thread_wake(CLIENT);
    assert_int_equal(CLIENT->state, THREAD_RUNNABLE);
    assert_int_equal(CLIENT->slice_left, 5);
    unit_assert_run_order(4, HANDLER, SERVER, WORKER, CLIENT);

    thread_block(WORKER, THREAD_SUSPENDED);
    WORKER->slice_left = 1;                             /* a partly used slice is kept */
    thread_wake(WORKER);
    assert_int_equal(WORKER->slice_left, 1);
}

static void stop_cancels_ipc_and_records_the_status(void **state)
{
    (void)state;
    struct endpoint *ep = &endpoints[0];

    assert_int_equal(ipc_recv(SERVER, ep, 1), ERR_OK);
    thread_stop(SERVER, THREAD_EXITED, 42);
    assert_int_equal(SERVER->state, THREAD_EXITED);
    assert_int_equal(SERVER->exit_status, 42);
    assert_null(ep->receivers.head);
    assert_null(SERVER->blocked_on);

    thread_stop(WORKER, THREAD_FAULTED, EXIT_FAULT);    /* a runnable one */
    assert_int_equal(WORKER->state, THREAD_FAULTED);
    unit_assert_run_order(2, HANDLER, CLIENT);
}

/* ---- thread_user_ptr ---------------------------------------------------- */

static void user_ptr_inside_a_segment(void **state)
{
    (void)state;
    uint8_t *data = fake_client_mem + 0x2000;

    assert_ptr_equal(thread_user_ptr(CLIENT, 0x20000, 0x3000, VSPACE_R | VSPACE_W), data);
    assert_ptr_equal(thread_user_ptr(CLIENT, 0x20010, 0x10, VSPACE_R), data + 0x10);
    assert_ptr_equal(thread_user_ptr(CLIENT, 0x22fff, 1, VSPACE_W), data + 0x2fff);
    assert_ptr_equal(thread_user_ptr(CLIENT, 0x10004, 8, VSPACE_R), fake_client_mem + 4);
    assert_ptr_equal(thread_user_ptr(CLIENT, 0x10000, 0x2000, VSPACE_X), fake_client_mem);
    assert_ptr_equal(thread_user_ptr(CLIENT, 0x20100, 0, VSPACE_R), data + 0x100);
    /* Same addresses, the server's memory. */
    assert_ptr_equal(thread_user_ptr(SERVER, 0x20010, 0x10, VSPACE_R), fake_server_mem + 0x1010);
}

static void user_ptr_outside_every_segment(void **state)
{
    (void)state;
    assert_null(thread_user_ptr(CLIENT, 0, 1, VSPACE_R));
    assert_null(thread_user_ptr(CLIENT, 0xfff0, 0x20, VSPACE_R));          /* starts below */
    assert_null(thread_user_ptr(CLIENT, 0x12000, 1, VSPACE_R));            /* between */
    assert_null(thread_user_ptr(CLIENT, 0x22fff, 2, VSPACE_R));            /* runs past the end */
    assert_null(thread_user_ptr(CLIENT, 0x1f000, 0x2000, VSPACE_R));       /* straddles a start */
    assert_null(thread_user_ptr(CLIENT, 0x20000, 0x3001, VSPACE_R));
    assert_null(thread_user_ptr(CLIENT, 0x23000, 1, VSPACE_R));            /* one past the end */
    assert_null(thread_user_ptr(SERVER, 0x11000, 1, VSPACE_R));            /* the client's size */
}

static void user_ptr_checks_rights(void **state)
{
    (void)state;
    assert_null(thread_user_ptr(CLIENT, 0x10000, 4, VSPACE_W));            /* text is R X */
    assert_null(thread_user_ptr(CLIENT, 0x10000, 4, VSPACE_R | VSPACE_W));
    assert_null(thread_user_ptr(CLIENT, 0x20000, 4, VSPACE_X));            /* data is R W */
    assert_non_null(thread_user_ptr(CLIENT, 0x20000, 4, 0));
}

static void user_ptr_never_gives_device_memory(void **state)
{
    (void)state;
    assert_null(thread_user_ptr(CLIENT, 0x40000, 4, VSPACE_R));
    assert_null(thread_user_ptr(CLIENT, 0x40000, 4, 0));
}

static void user_ptr_hostile_values(void **state)
{
    (void)state;
    const struct { uintptr_t va; size_t len; } bad[] = {
        { 0xfffffff0, 0x20 },
        { 0xffffffff, 1 },
        { UINTPTR_MAX, 1 },
        { UINTPTR_MAX, SIZE_MAX },
        { UINTPTR_MAX - 0xf, 0x20 },
        { 0x20000, SIZE_MAX },
        { 0x20010, (size_t)0 - 0x10 },      /* va + len wraps to exactly 0x20000 */
        { 0x20010, (size_t)0 - 0x8 },       /* ... or into the segment */
        { 0x22000, 0xffffffff },
        { 0x20000 + 0x3000, 0 - (size_t)0x3000 },
    };

    for (unsigned i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
        assert_null(thread_user_ptr(CLIENT, bad[i].va, bad[i].len, VSPACE_R));
        assert_null(thread_user_ptr(SERVER, bad[i].va, bad[i].len, 0));
    }
}

/* A segment that ends at the very top of the address space, where va + len
 * wraps to 0: the last byte is reachable, one more is not. */
static void user_ptr_at_the_top_of_the_address_space(void **state)
{
    (void)state;
    static uint8_t mem[0x1000];
    const uintptr_t top = (uintptr_t)0 - 0x1000;
    const struct spec_segment seg = { .va = top, .memsz = 0x1000, .rights = VSPACE_R };
    const struct spec_vspace spec = { .name = "top", .segments = &seg, .nsegments = 1,
                                      .mem = mem, .mem_size = sizeof(mem) };
    struct vspace vs = { .spec = &spec };
    struct thread t = { .vs = &vs };

    assert_ptr_equal(thread_user_ptr(&t, top, 0x1000, VSPACE_R), mem);
    assert_ptr_equal(thread_user_ptr(&t, top + 0xff0, 0x10, VSPACE_R), mem + 0xff0);
    assert_ptr_equal(thread_user_ptr(&t, UINTPTR_MAX, 1, VSPACE_R), mem + 0xfff);
    assert_null(thread_user_ptr(&t, top + 0xff0, 0x20, VSPACE_R));
    assert_null(thread_user_ptr(&t, UINTPTR_MAX, 2, VSPACE_R));
    assert_null(thread_user_ptr(&t, top, 0x1001, VSPACE_R));
    assert_null(thread_user_ptr(&t, top - 1, 2, VSPACE_R));
    assert_null(thread_user_ptr(&t, top, SIZE_MAX, VSPACE_R));
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup(boot_copies_segments_and_zeroes_the_rest, unit_setup),
        cmocka_unit_test_setup(boot_maps_every_segment, unit_setup),
        cmocka_unit_test_setup(shared_segments_map_one_buffer_into_both, unit_setup),
        cmocka_unit_test_setup(boot_grants_each_address_space_its_io_ports, unit_setup),
        cmocka_unit_test_setup(boot_fills_each_thread_from_its_spec, unit_setup),
        cmocka_unit_test_setup(boot_stops_when_the_page_table_pool_runs_out, unit_setup),
        cmocka_unit_test_setup(boot_stops_when_io_ports_cannot_be_granted, unit_setup),
        cmocka_unit_test_setup(queue_is_fifo, unit_setup),
        cmocka_unit_test_setup(queue_remove_head_middle_tail_and_absent, unit_setup),
        cmocka_unit_test_setup(queue_push_after_a_lazy_take, unit_setup),
        cmocka_unit_test_setup(queue_remove_the_only_one, unit_setup),
        cmocka_unit_test_setup(block_takes_a_thread_off_the_run_queue, unit_setup),
        cmocka_unit_test_setup(wake_queues_at_the_back_and_refills_an_empty_slice, unit_setup),
        cmocka_unit_test_setup(stop_cancels_ipc_and_records_the_status, unit_setup),
        cmocka_unit_test_setup(user_ptr_inside_a_segment, unit_setup),
        cmocka_unit_test_setup(user_ptr_outside_every_segment, unit_setup),
        cmocka_unit_test_setup(user_ptr_checks_rights, unit_setup),
        cmocka_unit_test_setup(user_ptr_never_gives_device_memory, unit_setup),
        cmocka_unit_test_setup(user_ptr_hostile_values, unit_setup),
        cmocka_unit_test_setup(user_ptr_at_the_top_of_the_address_space, unit_setup),
    };
    unit_filter_from_env();
    return cmocka_run_group_tests_name("thread", tests, NULL, NULL);
}
