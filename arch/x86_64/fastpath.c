// SPDX-License-Identifier: BSD-2-Clause
/*
 * The C side of the x86_64 system-call entry and IPC fast paths (fastpath.S)
 * and of the tick's fast path (irqfast.S): every structure offset, state and
 * constant the assembly takes from <arch/fastpath.h>, checked against the C
 * definitions when the kernel is compiled, so that a change to struct thread,
 * the scheduler's state, the tick or the ABI cannot silently break the fast
 * paths. No code.
 */
#include <stddef.h>
#include <arch/drivers.h>
#include <arch/fastpath.h>
#include <kernel/cap.h>
#include <kernel/console.h>
#include <kernel/kernel.h>
#include <kernel/ipc.h>
#include <kernel/notification.h>
#include <kernel/sched.h>
#include <kernel/thread.h>
#include <kernel/timer.h>
#include <tessera/abi.h>

#define SAME(a, b) _Static_assert((a) == (b), #a " must be " #b " (update arch/fastpath.h)")

SAME(offsetof(struct thread, ctx), 0);
SAME(offsetof(struct arch_context, r15), CTX_R15);
SAME(offsetof(struct arch_context, r14), CTX_R14);
SAME(offsetof(struct arch_context, r13), CTX_R13);
SAME(offsetof(struct arch_context, r12), CTX_R12);
SAME(offsetof(struct arch_context, r11), CTX_R11);
SAME(offsetof(struct arch_context, r10), CTX_R10);
SAME(offsetof(struct arch_context, r9), CTX_R9);
SAME(offsetof(struct arch_context, r8), CTX_R8);
SAME(offsetof(struct arch_context, rbp), CTX_RBP);
SAME(offsetof(struct arch_context, rdi), CTX_RDI);
SAME(offsetof(struct arch_context, rsi), CTX_RSI);
SAME(offsetof(struct arch_context, rdx), CTX_RDX);
SAME(offsetof(struct arch_context, rcx), CTX_RCX);
SAME(offsetof(struct arch_context, rbx), CTX_RBX);
SAME(offsetof(struct arch_context, rax), CTX_RAX);
SAME(offsetof(struct arch_context, vector), CTX_VECTOR);
SAME(offsetof(struct arch_context, error), CTX_ERROR);
SAME(offsetof(struct arch_context, rip), CTX_RIP);
SAME(offsetof(struct arch_context, cs), CTX_CS);
SAME(offsetof(struct arch_context, rflags), CTX_RFLAGS);
SAME(offsetof(struct arch_context, rsp), CTX_RSP);
SAME(offsetof(struct arch_context, ss), CTX_SS);
SAME(offsetof(struct arch_context, fpu), CTX_FPU);
SAME(CTX_FPU, CTX_FRAME_END);
SAME(offsetof(struct arch_context, fpu_used), CTX_FPU_USED);
SAME(offsetof(struct arch_context, has_ports), CTX_HAS_PORTS);
SAME(CTX_HAS_PORTS, CTX_FPU_USED + 1);           /* one cmpw tests both */
SAME(sizeof(((struct arch_context *)0)->fpu_used), 1);
SAME(sizeof(((struct arch_context *)0)->has_ports), 1);
SAME(offsetof(struct arch_context, caps), CTX_CAPS);
SAME(offsetof(struct arch_context, ncaps), CTX_NCAPS);
SAME(offsetof(struct arch_context, cr3), CTX_CR3);

SAME(offsetof(struct thread, state), T_STATE);
SAME(sizeof(enum thread_state), 4);
SAME(offsetof(struct thread, priority), T_PRIORITY);
SAME(sizeof(((struct thread *)0)->priority), 1);
SAME(offsetof(struct thread, tls), T_TLS);
SAME(offsetof(struct thread, next), T_NEXT);
SAME(offsetof(struct thread, queue_next), T_QUEUE_NEXT);
SAME(offsetof(struct thread, blocked_on), T_BLOCKED_ON);
SAME(offsetof(struct thread, reply_to), T_REPLY_TO);
SAME(offsetof(struct thread, ipc_buffer), T_IPC_BUFFER);
SAME(offsetof(struct thread, bound), T_BOUND);

SAME(offsetof(struct thread, spec), T_SPEC);
SAME(offsetof(struct thread, slice_left), T_SLICE_LEFT);
SAME(sizeof(((struct thread *)0)->slice_left), 2);
SAME(offsetof(struct thread, timer_ntfn), T_TIMER_NTFN);
SAME(offsetof(struct thread, timer_badge), T_TIMER_BADGE);
SAME(sizeof(((struct thread *)0)->timer_badge), 4);
SAME(offsetof(struct thread, timer_deadline), T_TIMER_DEADLINE);
SAME(offsetof(struct thread, timer_period), T_TIMER_PERIOD);
SAME(offsetof(struct thread, timer_next), T_TIMER_NEXT);
SAME(offsetof(struct spec_thread, timeslice_ticks), SPEC_TIMESLICE);
SAME(sizeof(((struct spec_thread *)0)->timeslice_ticks), 2);

SAME(THREAD_RUNNABLE, TS_RUNNABLE);
SAME(THREAD_BLOCKED_RECV, TS_BLOCKED_RECV);
SAME(THREAD_BLOCKED_REPLY, TS_BLOCKED_REPLY);

SAME(sizeof(struct cap), 8);
SAME(offsetof(struct cap, type), 0);
SAME(offsetof(struct cap, rights), 1);
SAME(offsetof(struct cap, object), CAP_OBJECT);
SAME(sizeof(((struct cap *)0)->object), 2);
SAME(offsetof(struct cap, badge), CAP_BADGE);
SAME(CAP_OBJECT, 2);                            /* OBJECT_CAP: the object is the word's top half */
SAME(CAP_RESIDUE(OBJ_ENDPOINT, RIGHT_SEND | RIGHT_GRANT, EP_SIZE_SHIFT), 0);
SAME(CAP_RESIDUE(OBJ_ENDPOINT, RIGHT_RECEIVE, EP_SIZE_SHIFT), 0);
SAME(CAP_RESIDUE(OBJ_ENDPOINT, RIGHT_SEND, EP_SIZE_SHIFT), 0);

SAME(sizeof(struct endpoint), 1u << EP_SIZE_SHIFT);
SAME(offsetof(struct endpoint, senders.head), EP_SEND_HEAD);
SAME(offsetof(struct endpoint, receivers.head), EP_RECV_HEAD);
SAME(offsetof(struct endpoint, receivers.tail), EP_RECV_TAIL);
SAME(EP_RECV_TAIL, EP_RECV_HEAD + 8);           /* TAKE_RECEIVER */
SAME(offsetof(struct notification, word), NTFN_WORD);
SAME(offsetof(struct notification, waiters.head), NTFN_WAIT_HEAD);
SAME(offsetof(struct notification, waiters.tail), NTFN_WAIT_HEAD + 8);
SAME(sizeof(struct notification), 1u << NTFN_SIZE_SHIFT);
SAME(sizeof(((struct notification *)0)->word), 4);

SAME(sizeof(struct run_queue), 1u << SS_QUEUE_SHIFT);
SAME(offsetof(struct run_queue, tail), 8);
SAME(offsetof(struct sched_state, queue), 0);
SAME(offsetof(struct sched_state, level_bits), SS_BITS);
SAME(sizeof(sched_state.level_bits[0]), 4);
SAME(offsetof(struct sched_state, level_words), SS_WORDS);
SAME(offsetof(struct sched_state, top), SS_TOP);
SAME(sizeof(sched_state.top), 4);

SAME(offsetof(struct tss, rsp), 4);

/* The tick's fast path (irqfast.S) */
SAME(offsetof(struct x86_tick, deadline), TICK_DEADLINE);
SAME(offsetof(struct x86_tick, period), TICK_PERIOD);
SAME(offsetof(struct x86_tick, lapic_hz), TICK_LAPIC_HZ);
SAME(offsetof(struct x86_tick, tsc_hz), TICK_TSC_HZ);
SAME(sizeof(x86_tick.lapic_hz), 8);
SAME(sizeof(x86_tick.tsc_hz), 8);
SAME(TICK_VECTOR, TIMER_VECTOR);
SAME(sizeof(kernel_ticks), 8);
SAME(sizeof(console_lines_partial), 4);
SAME(sizeof(timer_armed), 8);
SAME(BOARD_TICK_HZ >= 2, 1);                    /* the tick's count fits 32 bits unclamped */
SAME(ERR_OK, 0);
SAME(MSG_LENGTH_MASK, 0x7f);                    /* movzbl of info: length | flag << 7 */
SAME(MSG_NOTIFICATION_FLAG, 0x80);
SAME(FASTPATH_MAX_WORDS <= MSG_MAX_WORDS, 1);
SAME(FASTPATH_MAX_WORDS > MSG_REGISTER_WORDS, 1);
