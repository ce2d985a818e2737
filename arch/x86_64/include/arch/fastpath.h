/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * Constants the x86_64 system-call entry and IPC fast paths (entry.S,
 * fastpath.S) share with C: structure offsets, thread states, rights and the
 * fast path's limits. Plain numbers, so that the assembler can read them;
 * fastpath.c checks every one against the C definitions at compile time.
 */
#ifndef ARCH_FASTPATH_H
#define ARCH_FASTPATH_H

#include <arch/layout.h>

/* While a thread runs, TSS.RSP0 is its context's frame end, thread +
 * CTX_FRAME_END; the fast paths take it into rax (the ordinary path's entry
 * into rsp), and F() turns a thread offset into one from it. */
#define F(off)          ((off) - CTX_FRAME_END)

/* struct arch_context (the rest are in arch/layout.h) */
#define CTX_R15         0
#define CTX_R14         8
#define CTX_R13         16
#define CTX_R12         24
#define CTX_R10         40
#define CTX_R9          48
#define CTX_R8          56
#define CTX_RBP         64
#define CTX_RDI         72
#define CTX_RSI         80
#define CTX_RDX         88
#define CTX_RBX         104
#define CTX_RAX         112
#define CTX_ERROR       128
#define CTX_CS          144
#define CTX_SS          168
#define CTX_FPU         176
#define CTX_FPU_USED    688

/* struct thread */
#define T_VS            712
#define T_STATE         720     /* enum thread_state: 4 bytes */
#define T_PRIORITY      724
#define T_TLS           728
#define T_NEXT          744
#define T_QUEUE_NEXT    752
#define T_BLOCKED_ON    760
#define T_IN_FAULT      773
#define T_REPLY_TO      816
#define T_IPC_BUFFER    824
#define T_BOUND         832

/* enum thread_state */
#define TS_RUNNABLE      1
#define TS_BLOCKED_RECV  3
#define TS_BLOCKED_REPLY 4

/* struct vspace, struct cap (8 bytes) */
#define VS_CR3          8192
#define VS_HAS_PORTS    8200
#define VS_CAPS         12288
#define VS_NCAPS        12296
#define CAP_OBJECT      2
#define CAP_BADGE       4

/* struct endpoint (32 bytes), struct notification */
#define EP_SIZE_SHIFT   5
#define EP_SEND_HEAD    0
#define EP_RECV_HEAD    16
#define EP_RECV_TAIL    24
#define NTFN_WORD       0       /* 4 bytes */
#define NTFN_WAIT_HEAD  8
#define NTFN_SIZE_SHIFT 5       /* 32 bytes */

/* struct sched_state: queue[256] (16 bytes each: head, tail), level_bits[8],
 * level_words */
#define SS_QUEUE_SHIFT  4
#define SS_BITS         4096
#define SS_WORDS        4128

/* A capability's type and rights bytes as one 16-bit word (type | rights << 8):
 * the mask of what a fast path checks, and what it must find. */
#define CAP_CHECK_MASK(rights)  (0xff | (rights) << 8)
#define CAP_CHECK_WANT(type, rights)  ((type) | (rights) << 8)

/* Messages up to this many words take the fast path: MSG_MAX_WORDS, every
 * message the kernel accepts (a longer one goes the ordinary way, which
 * refuses it). The copy of MR4 onwards stays inside the IPC buffers, each a
 * page checked at boot (kernel/thread.c). Up to MSG_REGISTER_WORDS nothing
 * is copied. */
#define FASTPATH_MAX_WORDS 120

#endif
