/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * x86_64 constants shared by the assembly and the C of arch/x86_64: where the
 * kernel lives, the segment selectors, the interrupt vectors and the offsets
 * of struct arch_context. Plain #defines, so that .S files can include it.
 */
#ifndef ARCH_LAYOUT_H
#define ARCH_LAYOUT_H

/*
 * The kernel's virtual memory (PML4 entry 511, the same in every address
 * space, supervisor-only): physical [0, 1 GiB) at KERNEL_BASE, which holds the
 * kernel image and all RAM it uses, and the 32-bit device hole
 * [3 GiB, 4 GiB) at DEVICE_WINDOW (the local APIC, the IOAPIC). The kernel is
 * linked at KERNEL_BASE + its load address (-mcmodel=kernel).
 */
#define KERNEL_BASE         0xffffffff80000000
#define DEVICE_WINDOW       0xffffffffc0000000
#define DEVICE_WINDOW_PHYS  0xc0000000
#define RAM_WINDOW_SIZE     0x40000000

/* Segment selectors (gdt.c). STAR makes SYSCALL load KERNEL_CS/KERNEL_DS and
 * SYSRET load USER_CS/USER_DS: it needs user data right below user code. */
#define KERNEL_CS   0x08
#define KERNEL_DS   0x10
#define USER_DS     0x23                /* GDT entry 4, RPL 3 */
#define USER_CS     0x2b                /* GDT entry 5, RPL 3 */
#define TSS_SEL     0x30
#define STAR_SYSRET_BASE 0x18           /* SYSRET: CS = base + 16, SS = base + 8 */

/* Interrupt vectors. Board interrupt n (board.yaml) is vector IRQ_VECTOR_BASE
 * + n: the IOAPIC's inputs from 0, and the local APIC timer at the number the
 * board gives it (timer.irq). */
#define IRQ_VECTOR_BASE     0x20
#define PIC_VECTOR_BASE     0xe0        /* the masked legacy PICs, remapped out of the way */
#define SPURIOUS_VECTOR     0xff
#define VECTOR_SYSCALL      0x100       /* not a vector: "saved by the SYSCALL entry" */

/* struct arch_context offsets (arch/types.h). */
#define CTX_R11     32
#define CTX_RCX     96
#define CTX_VECTOR  120
#define CTX_RIP     136
#define CTX_RFLAGS  152
#define CTX_RSP     160
#define CTX_FRAME_END 176               /* just past ss: TSS.RSP0 while the thread runs */

/* The end of user space (PML4 entry 0): arch_enter_user() refuses a context
 * with rip at or above it or rsp above it (vspace.c, and the tick's fast path
 * in irqfast.S, which returns to the interrupted thread). */
#define USER_TOP    0x0000008000000000ull

/* What arch_enter_user() leaves of a thread's saved rflags: the arithmetic
 * flags, TF, DF, AC and ID, then IF and the always-one bit 1. (The IPC fast
 * paths resume only contexts SYSCALL saved, whose ring-3 flags need no mask;
 * the tick's returns to the interrupted thread only if the mask changes
 * nothing.) */
#define USER_RFLAGS     0x00240dd5
#define RFLAGS_FIXED    0x202

/* IST stacks (TSS) for the exceptions that must not trust the current stack. */
#define IST_FATAL   1

#endif
