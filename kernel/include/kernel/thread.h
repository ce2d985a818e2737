/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * Threads: a user register context, a priority, a state and the address space
 * it runs in. Threads are created from the spec at boot (thread_create_all) and
 * never allocated afterwards.
 */
#ifndef KERNEL_THREAD_H
#define KERNEL_THREAD_H

#include <stdint.h>
#include <arch.h>
#include <kernel/spec.h>

enum thread_state {
    THREAD_INACTIVE = 0,
    THREAD_RUNNABLE,
    THREAD_EXITED,
    THREAD_FAULTED,
};

struct vspace {
    struct arch_vspace arch;
    const struct spec_vspace *spec;
};

struct thread {
    struct arch_context ctx;     /* first: the trap entry saves registers here */
    const struct spec_thread *spec;
    struct vspace *vs;
    enum thread_state state;
    uint8_t priority;
    uintptr_t tls;
    int exit_status;
    struct thread *next;         /* run-queue link */
};

extern struct thread *current;
extern struct thread threads[];   /* one per spec_threads entry */

/* Create every address space and thread of the spec; boot only. */
void thread_create_all(void);

/* Leave the current thread in `state` (EXITED or FAULTED) and pick another. */
void thread_stop(struct thread *t, enum thread_state state, int status);

/* A user range [va, va+len) of `t` with `rights`, as a kernel pointer, or NULL. */
void *thread_user_ptr(const struct thread *t, uintptr_t va, size_t len, unsigned rights);

#endif
