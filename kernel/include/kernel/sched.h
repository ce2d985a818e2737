/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * The scheduler: fixed priorities 0-255 (higher runs first), a bitmap of
 * non-empty levels for O(1) lookup, FIFO round robin within a level.
 */
#ifndef KERNEL_SCHED_H
#define KERNEL_SCHED_H

#include <stdint.h>
#include <kernel/thread.h>

void sched_enqueue(struct thread *t);
void sched_dequeue(struct thread *t);

/* The highest-priority runnable thread, or NULL. */
struct thread *sched_pick(void);

/* Empty run queues; boot, before any thread is created (and the unit tests,
 * between cases). */
void sched_init(void);

/* `t` gives up the rest of its slice: to the back of its level (yield). */
void sched_rotate(struct thread *t);

/* Called on every kernel tick: counts down the running thread's time slice and,
 * when it is used up, rotates its level (round robin). */
void sched_tick(void);

/* Run the best thread; idle (waiting for interrupts) while there is none, and end
 * the system once every control thread has finished, or when nothing can ever
 * run again (kernel/system.h). Never returns. */
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
};

extern struct sched_state sched_state;

#endif
