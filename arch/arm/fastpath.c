// SPDX-License-Identifier: BSD-2-Clause
/*
 * The C side of the IPC fast paths (fastpath.S): every structure offset,
 * state and constant the assembly takes from <arch/fastpath.h>, checked
 * against the C definitions when the kernel is compiled, so that a change to
 * struct thread, the scheduler's state or the ABI cannot silently break the
 * fast paths. No code.
 */
#include <stddef.h>
#include <arch/drivers.h>
#include <arch/fastpath.h>
#include <kernel/cap.h>
#include <kernel/ipc.h>
#include <kernel/notification.h>
#include <kernel/sched.h>
#include <kernel/thread.h>
#include <kernel/timer.h>
#include <tessera/abi.h>

#define SAME(a, b) _Static_assert((a) == (b), #a " must be " #b " (update arch/fastpath.h)")

SAME(offsetof(struct thread, ctx), 0);
SAME(offsetof(struct thread, ctx.sp), T_CTX_SP);
SAME(offsetof(struct arch_context, pc), offsetof(struct arch_context, sp) + 4);   /* vectors.S: */
SAME(offsetof(struct arch_context, cpsr), offsetof(struct arch_context, sp) + 8); /* one stm, */
SAME(offsetof(struct arch_context, lr), offsetof(struct arch_context, sp) + 12);  /* one ldm */
SAME(offsetof(struct thread, vs), T_VS);
SAME(offsetof(struct thread, state), T_STATE);
SAME(sizeof(enum thread_state), 1);
SAME(offsetof(struct thread, priority), T_PRIORITY);
SAME(offsetof(struct thread, tls), T_TLS);
SAME(offsetof(struct thread, next), T_NEXT);
SAME(offsetof(struct thread, queue_next), T_QUEUE_NEXT);
SAME(offsetof(struct thread, blocked_on), T_BLOCKED_ON);
SAME(offsetof(struct thread, reply_to), T_REPLY_TO);
SAME(offsetof(struct thread, ipc_buffer), T_IPC_BUFFER);
SAME(offsetof(struct thread, bound), T_BOUND);
SAME(offsetof(struct thread, slice_left), T_SLICE_LEFT);
SAME(sizeof(((struct thread *)0)->slice_left), 2);
SAME(offsetof(struct thread, timer_ntfn), T_TIMER_NTFN);
SAME(offsetof(struct thread, timer_badge), T_TIMER_BADGE);
SAME(offsetof(struct thread, timer_deadline), T_TIMER_DEADLINE);
SAME(offsetof(struct thread, timer_period), T_TIMER_PERIOD);
SAME(offsetof(struct thread, timer_next), T_TIMER_NEXT);
SAME(offsetof(struct thread, spec), T_SPEC);
SAME(offsetof(struct spec_thread, timeslice_ticks), SPEC_TIMESLICE);
SAME(sizeof(((struct spec_thread *)0)->timeslice_ticks), 2);
SAME(offsetof(struct arm_tick, deadline), TICK_DEADLINE);
SAME(offsetof(struct arm_tick, period), TICK_PERIOD);
SAME(offsetof(struct arm_tick, irqc.claim), TICK_CLAIM);
SAME(offsetof(struct arm_tick, irqc.mask), TICK_MASK);
SAME(offsetof(struct arm_tick, irqc.match), TICK_MATCH);
SAME(offsetof(struct arm_tick, irqc.complete), TICK_COMPLETE);
SAME(ERR_OK, 0);                                /* the tick's path stores the 0 it has */

SAME(SYS_REPLY_RECV, SYS_CALL + 1);            /* vectors.S's jump table */
SAME(SYS_SEND, SYS_CALL + 2);
SAME(THREAD_RUNNABLE, TS_RUNNABLE);
SAME(TS_RUNNABLE, 1);                           /* send's [wake] stores the 1 it has */
SAME(THREAD_BLOCKED_RECV, TS_BLOCKED_RECV);
SAME(THREAD_BLOCKED_REPLY, TS_BLOCKED_REPLY);

SAME(offsetof(struct vspace, arch.vttbr), VS_VTTBR);
SAME(offsetof(struct vspace, caps), VS_CAPS);
SAME(offsetof(struct vspace, ncaps), VS_CAPS + 4);
SAME(offsetof(struct vspace, arch.pmuserenr), VS_PMUSERENR);
SAME(VS_PMUSERENR, VS_VTTBR + 8);              /* fastpath.S: one ldm */
SAME(sizeof(struct cap), 1u << CAP_SIZE_SHIFT);
SAME(offsetof(struct cap, type), 0);
SAME(offsetof(struct cap, rights), 1);
SAME(offsetof(struct cap, object), 2);
SAME(offsetof(struct cap, badge), CAP_BADGE);

SAME(sizeof(struct endpoint), 1u << EP_SIZE_SHIFT);
SAME(offsetof(struct endpoint, senders.head), EP_SEND_HEAD);
SAME(offsetof(struct endpoint, receivers.head), EP_RECV_HEAD);
SAME(offsetof(struct endpoint, receivers.tail), EP_RECV_TAIL);
SAME(offsetof(struct notification, word), NTFN_WORD);
SAME(offsetof(struct notification, waiters.head), NTFN_WAIT_HEAD);
SAME(offsetof(struct notification, waiters.tail), NTFN_WAIT_TAIL);
SAME(sizeof(struct notification), 1u << NTFN_SIZE_SHIFT);
SAME(offsetof(struct arch_context, r[6]), 6 * 4);

SAME(sizeof(struct run_queue), 8);
SAME(offsetof(struct run_queue, tail), 4);
SAME(offsetof(struct sched_state, queue), 0);
SAME(offsetof(struct sched_state, level_bits), SS_BITS);
SAME(offsetof(struct sched_state, level_words), SS_WORDS);
SAME(offsetof(struct sched_state, top), SS_TOP);
SAME(sizeof(sched_state.top), 4);

SAME((RIGHT_SEND | RIGHT_GRANT) << 8, CAP_RIGHTS_CALL);
SAME(RIGHT_SEND << 8, CAP_RIGHTS_SEND);
SAME(RIGHT_RECEIVE << 8, CAP_RIGHTS_RECEIVE);
SAME(RIGHT_SIGNAL << 8, CAP_RIGHTS_SIGNAL);
SAME(SYS_SIGNAL > SYS_SEND, 1);                 /* vectors.S's jump table */
SAME(FASTPATH_MAX_WORDS <= MSG_MAX_WORDS, 1);
SAME(FASTPATH_MAX_WORDS > MSG_REGISTER_WORDS, 1);
