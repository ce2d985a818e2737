/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * Constants the assembly IPC fast paths (fastpath.S) and the trap entry
 * (vectors.S) share with C: structure offsets, thread states, rights and the
 * fast path's limits. Plain numbers, so that the assembler can read them;
 * fastpath.c checks every one against the C definitions at compile time.
 */
#ifndef ARCH_FASTPATH_H
#define ARCH_FASTPATH_H

/* SP_hyp while a thread runs: its saved context's sp field, thread + T_CTX_SP.
 * The entry stores r0-r12 below it and sp, pc, cpsr, lr from it on. */
#define T_CTX_SP        52

/* struct thread */
#define T_SPEC          68
#define T_VS            72
#define T_STATE         76      /* one byte: enum thread_state (AAPCS short enums) */
#define T_PRIORITY      77
#define T_SLICE_LEFT    78      /* uint16_t */
#define T_TLS           80
#define T_NEXT          88
#define T_QUEUE_NEXT    92
#define T_BLOCKED_ON    96
#define T_REPLY_TO      128
#define T_IPC_BUFFER    132
#define T_BOUND         136
#define T_TIMER_NTFN    148
#define T_TIMER_BADGE   152
#define T_TIMER_DEADLINE 160    /* uint64_t: one ldrd */
#define T_TIMER_PERIOD  168
#define T_TIMER_NEXT    176

/* struct spec_thread */
#define SPEC_TIMESLICE  26      /* uint16_t timeslice_ticks */

/* struct arm_tick (arch/drivers.h): the next tick, the period, the claim */
#define TICK_DEADLINE   0
#define TICK_PERIOD     8
#define TICK_CLAIM      16
#define TICK_MASK       20      /* then TICK_MATCH: one ldrd */
#define TICK_MATCH      24
#define TICK_COMPLETE   28

/* enum thread_state */
#define TS_RUNNABLE      1
#define TS_BLOCKED_RECV  3
#define TS_BLOCKED_REPLY 4

/* struct vspace, struct cap */
#define VS_VTTBR        0       /* then VS_PMUSERENR: one ldm */
#define VS_PMUSERENR    8
#define VS_CAPS         64      /* caps, then ncaps: one ldrd */
#define CAP_SIZE_SHIFT  3
#define CAP_BADGE       4

/* struct endpoint (16 bytes), struct notification */
#define EP_SIZE_SHIFT   4
#define EP_SEND_HEAD    0
#define EP_RECV_HEAD    8
#define EP_RECV_TAIL    12
#define NTFN_WORD       0
#define NTFN_WAIT_HEAD  4
#define NTFN_WAIT_TAIL  8
#define NTFN_SIZE_SHIFT 4       /* 16 bytes */

/* struct sched_state: queue[256] (8 bytes each: head, tail), level_bits[8],
 * level_words */
#define SS_BITS         2048
#define SS_WORDS        2080
#define SS_TOP          2084

/* The rights byte of a capability's first word (type | rights << 8 | object << 16). */
#define CAP_RIGHTS_CALL       0x500     /* (RIGHT_SEND | RIGHT_GRANT) << 8 */
#define CAP_RIGHTS_SEND       0x100     /* RIGHT_SEND << 8 */
#define CAP_RIGHTS_RECEIVE    0x200     /* RIGHT_RECEIVE << 8 */
#define CAP_RIGHTS_SIGNAL     0x800     /* RIGHT_SIGNAL << 8 */

/* HSR of `svc #0` from ARM state: EC 0x11, IL 1, ISS 0. Any other SVC (a
 * Thumb one, another immediate) and every abort or UNDEF take the ordinary
 * path. */
#define HSR_SVC0        0x46000000

/* Messages up to this many words take the fast path: MSG_MAX_WORDS, every
 * message the kernel accepts (a longer one goes the ordinary way, which
 * refuses it). The copy of MR4 onwards stays inside the IPC buffers, each a
 * page checked at boot (kernel/thread.c). */
#define FASTPATH_MAX_WORDS 120

#endif
