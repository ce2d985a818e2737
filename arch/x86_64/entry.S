/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * Every way into the kernel and the way back to user mode.
 *
 * While a user thread runs, TSS.RSP0 points just past
 * its saved frame (struct arch_context), so an interrupt or exception from
 * ring 3 pushes the hardware frame into the thread, the stub adds the error
 * code and vector, and trap_common pushes the general registers below them:
 * the thread's registers are saved in place, then the kernel runs on its own
 * stack. SYSCALL builds the same frame by hand. A trap taken in ring 0 (only
 * the idle loop enables interrupts; anything else is a kernel fault) leaves
 * its frame on the kernel stack and returns with iretq.
 */
#include <arch/layout.h>
#include <arch/fastpath.h>              /* TICK_VECTOR */
#include <spec_limits.h>                /* SPEC_BUDGETS */

/* The tick's vector goes to its fast path (irqfast.S), which takes it from
 * ring 3 and hands it back to trap_common from ring 0; not with budgets,
 * whose tick charges them in C. */
#ifdef SPEC_BUDGETS
#define FAST_TICK_VECTOR -1
#else
#define FAST_TICK_VECTOR TICK_VECTOR
#endif

.macro PUSH_GPRS
        pushq   %rax
        pushq   %rbx
        pushq   %rcx
        pushq   %rdx
        pushq   %rsi
        pushq   %rdi
        pushq   %rbp
        pushq   %r8
        pushq   %r9
        pushq   %r10
        pushq   %r11
        pushq   %r12
        pushq   %r13
        pushq   %r14
        pushq   %r15
.endm

.macro POP_GPRS
        popq    %r15
        popq    %r14
        popq    %r13
        popq    %r12
        popq    %r11
        popq    %r10
        popq    %r9
        popq    %r8
        popq    %rbp
        popq    %rdi
        popq    %rsi
        popq    %rdx
        popq    %rcx
        popq    %rbx
        popq    %rax
.endm

/* One 16-byte stub per vector: a zero error code where the CPU pushes none,
 * then the vector number. The IDT entry of vector v is x86_trap_stubs + 16 v. */
        .text
        .p2align 4
        .global x86_trap_stubs
x86_trap_stubs:
        vector = 0
        .rept 256
        .p2align 4
        .if !(vector == 8 || (vector >= 10 && vector <= 14) || vector == 17 || vector == 21 || \
              vector == 29 || vector == 30)
        pushq   $0
        .endif
        pushq   $vector
        .if vector == FAST_TICK_VECTOR
        jmp     x86_fastpath_irq
        .else
        jmp     trap_common
        .endif
        vector = vector + 1
        .endr

        .global x86_trap_common
x86_trap_common:
trap_common:
        PUSH_GPRS
        cld
        testb   $3, CTX_RIP + 8(%rsp)           /* the CS the trap came from */
        jz      1f
        movq    %rsp, current(%rip)             /* from ring 3: saved in the thread, */
        movq    $kernel_stack_top, %rsp         /* which is the one that runs */
        call    x86_user_trap                   /* does not return */
1:      movq    %rsp, %rdi                      /* from ring 0: the frame is here */
        call    x86_kernel_trap
        POP_GPRS
        addq    $16, %rsp                       /* vector, error code */
        iretq

/* NMI, double fault and machine check run on their own stack (IST) and stop
 * the system: they may arrive with any stack, even a user one. */
        .global x86_fatal_nmi, x86_fatal_df, x86_fatal_mc
x86_fatal_nmi:
        pushq   $0
        pushq   $2
        jmp     fatal_common
x86_fatal_df:
        pushq   $8                              /* the CPU pushed an error code */
        jmp     fatal_common
x86_fatal_mc:
        pushq   $0
        pushq   $18
fatal_common:
        PUSH_GPRS
        cld
        movq    %rsp, %rdi
        call    x86_fatal_trap

/* SYSCALL enters at x86_syscall_entry, in fastpath.S: the IPC fast paths,
 * else the ordinary path into kernel_syscall(), with the same frame. */

/* _Noreturn void x86_return_to_user(struct arch_context *ctx): SYSRET for a
 * context that SYSCALL saved (its rcx and r11 are the return rip and rflags
 * anyway), iretq for everything else. The caller has checked that rip is a
 * canonical user address, so neither can fault in ring 0. */
        .global x86_return_to_user
x86_return_to_user:
        movq    %rdi, %rsp
        POP_GPRS
        cmpq    $VECTOR_SYSCALL, (%rsp)
        je      1f
        addq    $16, %rsp
        iretq
1:      movq    16(%rsp), %rcx                  /* rip */
        movq    32(%rsp), %r11                  /* rflags */
        movq    40(%rsp), %rsp                  /* rsp */
        sysretq

        .section .note.GNU-stack, "", @progbits
