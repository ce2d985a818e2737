/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * Notifications: a word of bits. signal ORs a badge in and wakes one waiter;
 * wait blocks until the word is non-zero and takes it; poll takes it without
 * blocking. A notification may be bound to a thread, whose endpoint receive
 * then also returns the bits.
 */
#ifndef KERNEL_NOTIFICATION_H
#define KERNEL_NOTIFICATION_H

#include <stdint.h>
#include <kernel/thread.h>

struct notification {
    uint32_t word;
    struct thread_queue waiters;
    struct thread *bound;
};

extern struct notification notifications[];

void ntfn_signal(struct notification *n, uint32_t badge);
int ntfn_wait(struct thread *t, struct notification *n, int block);

/* For recv: if t's bound notification has bits, hand them to t and return 1. */
int ntfn_take_bound(struct thread *t);

#endif
