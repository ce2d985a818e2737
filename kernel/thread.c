// SPDX-License-Identifier: BSD-2-Clause
/*
 * Threads and their address spaces, created once at boot from the spec: each
 * component's segments are copied from the embedded image into its physical
 * backing and mapped; each thread gets its entry point, stack and priority.
 */
#include <stddef.h>
#include <stdint.h>
#include <kernel/console.h>
#include <kernel/sched.h>
#include <kernel/thread.h>
#include <tessera/abi.h>

/* Sized by the generated spec (SPEC_MAX_*), statically. */
#include <spec_limits.h>

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
    arch_vspace_init(vs, s->id);
    for (unsigned i = 0; i < s->nsegments; i++) {
        const struct spec_segment *seg = &s->segments[i];
        uint8_t *backing = s->mem + seg->mem_offset;

        copy_bytes(backing, seg->src, seg->filesz);
        zero_bytes(backing + seg->filesz, seg->memsz - seg->filesz);
        if (arch_vspace_map(vs, seg->va, (uintptr_t)backing, seg->memsz, seg->rights) != 0)
            panic(EXIT_KERNEL_PANIC, "page-table pool exhausted mapping %s", s->name);
    }
}

void thread_create_all(void)
{
    for (unsigned i = 0; i < spec_nvspaces; i++)
        vspace_create(&vspaces[i], &spec_vspaces[i]);
    for (unsigned i = 0; i < spec_nthreads; i++) {
        const struct spec_thread *s = &spec_threads[i];
        struct thread *t = &threads[i];

        t->spec = s;
        t->vs = &vspaces[s->vspace];
        t->priority = s->priority;
        arch_context_init(&t->ctx, s->entry, s->stack_top, s->arg);
        t->state = THREAD_RUNNABLE;
        sched_enqueue(t);
    }
}

void thread_stop(struct thread *t, enum thread_state state, int status)
{
    sched_dequeue(t);
    t->state = state;
    t->exit_status = status;
}

void *thread_user_ptr(const struct thread *t, uintptr_t va, size_t len, unsigned rights)
{
    const struct spec_vspace *s = t->vs->spec;

    for (unsigned i = 0; i < s->nsegments; i++) {
        const struct spec_segment *seg = &s->segments[i];
        /* Written to avoid overflow: va and len are the user's. */
        if (va < seg->va || va - seg->va > seg->memsz || len > seg->memsz - (va - seg->va))
            continue;
        if ((seg->rights & rights) != rights)
            return NULL;
        return s->mem + seg->mem_offset + (va - seg->va);
    }
    return NULL;
}
