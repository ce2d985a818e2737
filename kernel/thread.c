// SPDX-License-Identifier: BSD-2-Clause
/*
 * Threads and their address spaces, created once at boot from the spec: each
 * component's segments are copied from the embedded image into its physical
 * backing (or, for devices, mapped at their physical address) and its I/O-port
 * ranges are granted; each thread gets its entry point, stack, IPC buffer,
 * priority and links to its notification, timer and fault endpoint.
 */
#include <stddef.h>
#include <stdint.h>
#include <kernel/console.h>
#include <kernel/ipc.h>
#include <kernel/notification.h>
#include <kernel/sched.h>
#include <kernel/thread.h>
#include <kernel/timer.h>
#include <spec_limits.h>
#include <tessera/abi.h>

struct thread threads[SPEC_MAX_THREADS];
static struct vspace vspaces[SPEC_MAX_VSPACES];
struct thread *current;

static void copy_bytes(uint8_t *dst, const uint8_t *src, size_t n)
{
    for (size_t i = 0; i < n; i++)
        dst[i] = src[i];
}

static void zero_bytes(uint8_t *dst, size_t n)
{
    for (size_t i = 0; i < n; i++)
        dst[i] = 0;
}

static void vspace_create(struct vspace *vs, const struct spec_vspace *s)
{
    vs->spec = s;
    vs->caps = s->caps;
    vs->ncaps = s->ncaps;
    arch_vspace_init(vs, s->id);
    for (unsigned i = 0; i < s->nsegments; i++) {
        const struct spec_segment *seg = &s->segments[i];
        uintptr_t pa = seg->pa;

        /* A device, or shared memory (the spec's own buffer, in the kernel's
         * .bss, zeroed once at boot), is mapped where it is. */
        if (!(seg->rights & (VSPACE_DEVICE | VSPACE_SHARED))) {
            uint8_t *backing = s->mem + seg->mem_offset;
            copy_bytes(backing, seg->src, seg->filesz);
            zero_bytes(backing + seg->filesz, seg->memsz - seg->filesz);
            pa = (uintptr_t)backing;
        }
        if (arch_vspace_map(vs, seg->va, pa, seg->memsz, seg->rights & ~VSPACE_SHARED) != 0)
            panic(EXIT_KERNEL_PANIC, "page-table pool exhausted mapping %s", s->name);
    }
    for (unsigned i = 0; i < s->nioports; i++) {
        const struct spec_ioport *p = &s->ioports[i];
        if (arch_vspace_allow_ports(vs, p->first, p->last) != 0)
            panic(EXIT_KERNEL_PANIC, "spec: %s: I/O ports 0x%x-0x%x cannot be granted on this architecture",
                  s->name, p->first, p->last);
    }
}

static struct notification *ntfn_or_null(uint16_t index)
{
    return index == SPEC_NONE ? NULL : &notifications[index];
}

static void thread_create(struct thread *t, const struct spec_thread *s)
{
    t->spec = s;
    t->vs = &vspaces[s->vspace];
    t->priority = s->priority;
    t->slice_left = s->timeslice_ticks;
    t->ipc_buffer = thread_user_ptr(t, s->ipc_buffer, 4096, VSPACE_R | VSPACE_W);
    if (t->ipc_buffer == NULL)          /* IPC copies MR4 onwards through it unchecked */
        panic(EXIT_KERNEL_PANIC, "spec: thread %s has no read-write IPC buffer page at 0x%08lx",
              s->name, (unsigned long)s->ipc_buffer);
    t->fault_ep = s->fault_endpoint == SPEC_NONE ? NULL : &endpoints[s->fault_endpoint];
    t->fault_badge = s->fault_badge;
    t->bound = ntfn_or_null(s->bound_notification);
    if (t->bound != NULL)
        t->bound->bound = t;
    t->timer_ntfn = ntfn_or_null(s->timer_notification);
    t->timer_badge = s->timer_badge;
    arch_context_init(&t->ctx, s->entry, s->stack_top, s->arg, s->ipc_buffer);
    if (s->control)
        sched_count_control();
    thread_wake(t);
}

void thread_create_all(void)
{
    for (unsigned i = 0; i < spec_nvspaces; i++)
        vspace_create(&vspaces[i], &spec_vspaces[i]);
    for (unsigned i = 0; i < spec_nthreads; i++)
        thread_create(&threads[i], &spec_threads[i]);
}

void thread_wake(struct thread *t)
{
    t->state = THREAD_RUNNABLE;
    if (t->slice_left == 0)
        t->slice_left = t->spec->timeslice_ticks;
    sched_wake(t);
}

void thread_block(struct thread *t, enum thread_state state)
{
    if (t->state == THREAD_RUNNABLE)
        sched_dequeue(t);
    t->state = state;
}

void thread_stop(struct thread *t, enum thread_state state, int status)
{
    ipc_cancel(t);
    timer_arm(t, 0, 0, 0);              /* a dead thread's timer must not keep the system awake */
    thread_block(t, state);
    t->exit_status = status;
    sched_thread_finished(t);
}

void *thread_user_ptr(const struct thread *t, uintptr_t va, size_t len, unsigned rights)
{
    const struct spec_vspace *s = t->vs->spec;

    for (unsigned i = 0; i < s->nsegments; i++) {
        const struct spec_segment *seg = &s->segments[i];
        /* Written to avoid overflow: va and len are the user's. */
        if (va < seg->va || va - seg->va > seg->memsz || len > seg->memsz - (va - seg->va))
            continue;
        if ((seg->rights & rights) != rights || (seg->rights & VSPACE_DEVICE))
            return NULL;
        if (seg->rights & VSPACE_SHARED)
            return (uint8_t *)seg->pa + (va - seg->va);
        return s->mem + seg->mem_offset + (va - seg->va);
    }
    return NULL;
}

void tq_push(struct thread_queue *q, struct thread *t)
{
    t->queue_next = NULL;
    if (q->tail != NULL)
        q->tail->queue_next = t;
    else
        q->head = t;
    q->tail = t;
}

struct thread *tq_pop(struct thread_queue *q)
{
    struct thread *t = q->head;

    if (t == NULL)
        return NULL;
    q->head = t->queue_next;
    if (q->head == NULL)
        q->tail = NULL;
    t->queue_next = NULL;
    return t;
}

int tq_remove(struct thread_queue *q, struct thread *t)
{
    struct thread *prev = NULL;

    for (struct thread *p = q->head; p != NULL; prev = p, p = p->queue_next) {
        if (p != t)
            continue;
        if (prev != NULL)
            prev->queue_next = p->queue_next;
        else
            q->head = p->queue_next;
        if (q->tail == p)
            q->tail = prev;
        p->queue_next = NULL;
        return 1;
    }
    return 0;
}
