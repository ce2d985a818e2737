/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * Hyp vectors and the user entry/exit path. While a user thread runs, SP_hyp
 * points into its saved context (struct arch_context, at the sp field), so the
 * trap entry stores the user registers straight into the thread; the kernel
 * then runs on its own stack.
 *
 * Hyp has no banked LR: lr here is the user's LR, so it is saved before any bl.
 */
#include <tessera/abi.h>
#include <arch/fastpath.h>
#include <spec_limits.h>               /* SPEC_BUDGETS */

        .syntax unified
        .arch_extension virt
        .arm
        .section .text.vectors, "ax"
        .align  5
        .global hyp_vectors
hyp_vectors:
        b       kernel_exc_undef                @ +0x00 (reset: unused)
        b       kernel_exc_undef                @ +0x04 undefined instruction in Hyp
        b       kernel_exc_hvc                  @ +0x08 HVC/SVC in Hyp
        b       kernel_exc_pabt                 @ +0x0c prefetch abort in Hyp
        b       kernel_exc_dabt                 @ +0x10 data abort in Hyp
        b       user_trap                       @ +0x14 Hyp trap: everything from PL0
        b       user_irq                        @ +0x18 IRQ
        b       kernel_exc_fiq                  @ +0x1c FIQ

/* Save the user's registers into the running thread's context: r0-r12
 * below SP_hyp, sp, pc, cpsr and lr from it on (lr last: here it is the
 * user's LR, stored by the same stm). SP_hyp stays where it is. */
.macro SAVE_USER
        stmdb   sp, {r0-r12}
        mrs     r8, sp_usr
        mrs     r9, elr_hyp
        mrs     r10, spsr
        stmia   sp, {r8-r10, lr}
.endm

/* The kernel's `current` is the thread whose context SP_hyp points into. The
 * fast paths switch threads without storing it; every way into C stores it
 * here first. Uses r8 and r9. */
.macro STORE_CURRENT
        sub     r8, sp, #T_CTX_SP
        ldr     r9, =current
        str     r8, [r9]
.endm

/* Every trap from PL0. The IPC fast paths (fastpath.S) take call, reply_recv,
 * send and signal (one table jump on r7), check that the trap is an `svc #0` and
 * everything else they need, and come back to arm_fastpath_slow, the
 * ordinary path, when a check fails. */
user_trap:
        SAVE_USER
        cmp     r7, #SYS_SIGNAL
        ldrls   pc, [pc, r7, lsl #2]            @ pc reads as the table's address
        b       arm_fastpath_slow
        .rept   SYS_CALL
        .word   arm_fastpath_slow
        .endr
        .word   arm_fastpath_call               @ SYS_CALL
        .word   arm_fastpath_reply_recv         @ SYS_CALL + 1 (fastpath.c checks)
        .word   arm_fastpath_send               @ SYS_CALL + 2
        .rept   SYS_SIGNAL - SYS_SEND - 1
        .word   arm_fastpath_slow
        .endr
        .word   arm_fastpath_signal             @ SYS_SIGNAL
        .global arm_fastpath_slow
arm_fastpath_slow:
        STORE_CURRENT
        ldr     sp, =kernel_stack_top
        b       arm_user_trap

/* Every interrupt from PL0. The tick's fast path (fastpath.S) takes the tick
 * in its common case and comes back to arm_irq_slow_claimed with what it
 * claimed in r11 when a check fails; with budgets the ordinary path takes
 * every interrupt (the tick charges them). */
user_irq:
        SAVE_USER
#ifndef SPEC_BUDGETS
        b       arm_fastpath_irq
#endif
        STORE_CURRENT
        ldr     sp, =kernel_stack_top
        b       kernel_interrupt
        .global arm_irq_slow_claimed
arm_irq_slow_claimed:
        STORE_CURRENT
        ldr     sp, =kernel_stack_top
        mov     r0, r11
        b       arm_interrupt_claimed

.macro KERNEL_EXC kind
        ldr     sp, =panic_stack_top
        push    {r0-r12, lr}
        mov     r0, #\kind
        mrs     r1, elr_hyp
        mov     r2, sp
        b       arm_kernel_exception
.endm

kernel_exc_undef:       KERNEL_EXC 1
kernel_exc_hvc:         KERNEL_EXC 2
kernel_exc_pabt:        KERNEL_EXC 3
kernel_exc_dabt:        KERNEL_EXC 4
kernel_exc_fiq:         KERNEL_EXC 5

        .global arm_return_to_user
arm_return_to_user:
        add     sp, r0, #T_CTX_SP               @ the next trap saves around here
        ldmia   sp, {r2-r4, lr}                 @ sp_usr, pc, cpsr, lr_usr
        msr     sp_usr, r2
        msr     elr_hyp, r3
        msr     spsr_cxsf, r4
        ldmdb   sp, {r0-r12}
        eret

/* Semihosting SYS_EXIT_EXTENDED; on hardware without a debugger the HLT is
 * UNDEFINED and arm_kernel_exception recognises this address and halts. */
        .global arm_semihost_exit
        .global arm_semihost_hlt
arm_semihost_exit:                              @ r0 = 0x20, r1 = &block
arm_semihost_hlt:
        .inst   0xe10f0070                      @ hlt #0xf000
        bx      lr
