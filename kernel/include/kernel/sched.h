/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * The scheduler: fixed priorities 0-255 (higher runs first), a bitmap of
 * non-empty levels for O(1) lookup, FIFO round robin within a level.
 *
 * Lazy scheduling. The kernel, the IPC fast paths (arch/<arch>/fastpath.S)
 * included, keeps these invariants at every entry from and exit to user mode:
 *
 *  S1. The running thread, `current`, is in no run queue. Every other
 *      runnable thread is in the queue of its level; no other thread is in any.
 *  S2. No queued thread has a priority above current's, and those at its
 *      priority come after it in round-robin order (current is where the head
 *      of its level would be).
 *  S3. A thread in no run queue has next == NULL.
 *  S4. sched_state.top is 1 + the highest non-empty level (0: none).
 *
 * So blocking the running thread and waking the thread that replaces it touch
 * no queue: a fast path only compares the woken thread's priority with the
 * highest queued level (S4 keeps it in one word) and switches. A thread that
 * stops running while still runnable (preempted, or a `send` or `signal` to a
 * higher priority) rejoins its level at the head; one whose slice ran out or
 * that yielded is queued at the back (sched_rotate()).
 */
#ifndef KERNEL_SCHED_H
#define KERNEL_SCHED_H

#include <stdint.h>
#include <kernel/thread.h>

/* Queue `t` at the back of its level / take it out of its level (nothing if
 * it is in no queue, as the running thread is). */
void sched_enqueue(struct thread *t);
void sched_dequeue(struct thread *t);

/* `t` has just become runnable (thread_wake()): queued at the back of its
 * level, unless, in a kernel entry from a running thread, it is above every
 * queued thread, the running one if still runnable and any other woken so far:
 * then it is kept aside, unqueued, and the entry's schedule() switches to it
 * (a switch without queueing it and taking it off again). */
void sched_wake(struct thread *t);

/* The head of the highest non-empty level, or NULL: the best thread to run
 * besides `current`, which is in no queue. */
struct thread *sched_pick(void);

/* Empty run queues; boot, before any thread is created (and the unit tests,
 * between cases). */
void sched_init(void);

/* `t` gives up the rest of its slice: to the back of its level (yield, and
 * the tick at the end of a slice). The running thread, alone at its level,
 * stays out of the queue and runs on. */
void sched_rotate(struct thread *t);

/* Called on every kernel tick: counts down the running thread's time slice and,
 * when it is used up, rotates its level (round robin). */
void sched_tick(void);

/* Run the best thread: `current`, if it is still runnable and nothing queued
 * is better (it rejoins its level at the head first, S1), else the head of the
 * highest level, taken off its queue. Idle (waiting for interrupts) while there
 * is none, and end the system once every control thread has finished, or when
 * nothing can ever run again (kernel/system.h). Never returns. */
_Noreturn void schedule(void);

/* The run queues and the bitmap of non-empty levels. In one structure so that
 * the architectures' IPC fast paths (arch/<arch>/fastpath.*), which hand the
 * CPU from a thread to its IPC partner without schedule(), reach all of it
 * from one base address. Only sched.c and the fast paths touch it. */
struct run_queue {
    struct thread *head, *tail;
};

struct sched_state {
    struct run_queue queue[256];
    uint32_t level_bits[8];              /* level p: bit p % 32 of word p / 32 */
    uint32_t level_words;                /* bit w: level_bits[w] is non-zero */
    /* 1 + the highest non-empty level, 0 when every level is empty: so a
     * thread at priority p is above every queued one when p >= top, one
     * compare for a fast path (the fast paths that queue a thread keep it). */
    uint32_t top;
};

extern struct sched_state sched_state;

#endif
