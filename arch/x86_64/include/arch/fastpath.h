/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * Constants the x86_64 system-call entry and IPC fast paths (entry.S,
 * fastpath.S) and the tick's fast path (irqfast.S) share with C: structure
 * offsets, thread states, rights, the tick's vector and registers and the
 * fast path's limits. Plain numbers, so that the assembler can read them;
 * fastpath.c checks every one against the C definitions at compile time.
 */
#ifndef ARCH_FASTPATH_H
#define ARCH_FASTPATH_H

#include <arch/layout.h>
#include <board_config.h>       /* plain #defines: the assembler takes their u suffixes */

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
#define CTX_FPU_USED    688     /* and has_ports, the next byte */
#define CTX_HAS_PORTS   689
#define CTX_CAPS        696
#define CTX_NCAPS       704
#define CTX_CR3         712

/* struct thread */
#define T_STATE         736     /* enum thread_state: 4 bytes */
#define T_PRIORITY      740
#define T_TLS           744
#define T_NEXT          760
#define T_QUEUE_NEXT    768
#define T_BLOCKED_ON    776
#define T_REPLY_TO      832
#define T_IPC_BUFFER    840
#define T_BOUND         848
#define T_SPEC          720
#define T_SLICE_LEFT    742     /* uint16_t */
#define T_TIMER_NTFN    872
#define T_TIMER_BADGE   880     /* uint32_t */
#define T_TIMER_DEADLINE 888
#define T_TIMER_PERIOD  896
#define T_TIMER_NEXT    904

/* struct spec_thread */
#define SPEC_TIMESLICE  50      /* uint16_t timeslice_ticks */

/* enum thread_state */
#define TS_RUNNABLE      1
#define TS_BLOCKED_RECV  3
#define TS_BLOCKED_REPLY 4

/* struct cap (8 bytes) */
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
 * level_words, top */
#define SS_QUEUE_SHIFT  4
#define SS_BITS         4096
#define SS_WORDS        4128
#define SS_TOP          4132

/* struct x86_tick (the tick: timer.c) */
#define TICK_DEADLINE   0
#define TICK_PERIOD     8
#define TICK_LAPIC_HZ   16
#define TICK_TSC_HZ     24

/* The tick's vector, and the local APIC's registers the tick writes, at their
 * addresses in the kernel's device window (cpu.h's mmio_write32()): each
 * a sign-extended 32-bit address, so an absolute operand. */
#define TICK_VECTOR     (IRQ_VECTOR_BASE + BOARD_TIMER_IRQ)
#define TICK_LAPIC      (BOARD_LAPIC_BASE - DEVICE_WINDOW_PHYS + DEVICE_WINDOW)
#define TICK_LAPIC_EOI  (TICK_LAPIC + 0x0b0)
#define TICK_LAPIC_INIT (TICK_LAPIC + 0x380)

/* A capability's type and rights bytes as one 16-bit word (type | rights << 8):
 * the mask of what a fast path checks, and what it must find. */
#define CAP_CHECK_MASK(rights)  (0xff | (rights) << 8)
#define CAP_CHECK_WANT(type, rights)  ((type) | (rights) << 8)
/* What is left below an object's offset (object << shift) when the 32-bit
 * word type | rights << 8 | object << 16 of a capability with exactly
 * `rights` is shifted right by 16 - shift: the rights' top bits. */
#define CAP_RESIDUE(type, rights, shift)  (CAP_CHECK_WANT(type, rights) >> (16 - (shift)))

/* Messages up to this many words take the fast path: MSG_MAX_WORDS, every
 * message the kernel accepts (a longer one goes the ordinary way, which
 * refuses it). The copy of MR4 onwards stays inside the IPC buffers, each a
 * page checked at boot (kernel/thread.c). Up to MSG_REGISTER_WORDS nothing
 * is copied. */
#define FASTPATH_MAX_WORDS 120

#endif
