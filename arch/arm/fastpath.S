/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * The IPC fast paths on ARM: `call`, `reply_recv` and `send` in their common
 * case, as straight-line code that hands the CPU from the calling thread to
 * its partner without the general dispatch and without schedule().
 *
 * user_trap (vectors.S) has saved the caller's registers into its context, as
 * for every trap, and comes here by system-call number with SP_hyp at the
 * context's sp field (thread + T_CTX_SP; S() turns a thread offset into an
 * SP_hyp one) and r0-r12 still the caller's. Each path checks its guards
 * first; the first that fails branches to arm_fastpath_slow, the ordinary
 * path, before anything has changed, and that path then does the whole call.
 * Past the guards the path commits: it leaves the threads, queues and
 * registers exactly as kernel/ipc.c and kernel/sched.c would, with two
 * shortcuts that only skip stores of values already there: a thread that is
 * in no run queue has next == NULL, and a thread's slice_left is only 0 when
 * its time slice is 0, so thread_wake()'s refill never changes it.
 *
 * The message stays where the caller put it: r1 = info, r2-r5 = MR0-MR3 go
 * back to user mode in the same registers, r0 becomes ERR_OK and r6 the badge;
 * longer messages (up to FASTPATH_MAX_WORDS) copy MR4 onwards between the IPC
 * buffers. The partner's other registers come from its saved context.
 *
 * docs/profiling.md counts every block's instructions; keep it in step.
 */
#include <tessera/abi.h>
#include <arch/fastpath.h>

        .syntax unified
        .arch_extension virt
        .arm
        .text

#define S(off) ((off) - T_CTX_SP)

/* [entry] An `svc #0` with a message of at most FASTPATH_MAX_WORDS words;
 * r12 = its length. */
.macro SHORT_SVC
        mrc     p15, 4, r8, c5, c2, 0           @ HSR
        and     r12, r1, #MSG_LENGTH_MASK
        cmp     r12, #FASTPATH_MAX_WORDS
        cmpls   r8, #HSR_SVC0
        bne     arm_fastpath_slow
.endm

/* [cap] r0 names an endpoint capability with every right in `rights` (shifted
 * into the rights byte); r8 = the capability, r10 = its endpoint. */
.macro ENDPOINT_CAP rights
        ldr     r8, [sp, #S(T_VS)]
        ldrd    r8, r9, [r8, #VS_CAPS]          @ caps, ncaps
        cmp     r0, r9
        bhs     arm_fastpath_slow
        ldr     r9, [r8, r0, lsl #CAP_SIZE_SHIFT]!   @ type | rights << 8 | object << 16
        sub     r10, r9, #OBJ_ENDPOINT          @ the type byte 0 if an endpoint
        eor     r10, r10, #\rights              @ the rights wanted 0 if present
        tst     r10, #0xff
        tsteq   r10, #\rights
        bne     arm_fastpath_slow
        ldr     r10, =endpoints
        lsr     r9, r9, #16
        add     r10, r10, r9, lsl #EP_SIZE_SHIFT
.endm

/* [copy] MR4 onwards, r12 words in all (5..FASTPATH_MAX_WORDS), from the
 * IPC buffer of the thread at SP_hyp to that of r11. Uses r8, r9, r12 and
 * `tmp`. */
.macro COPY_WORDS tmp
        ldr     r8, [sp, #S(T_IPC_BUFFER)]
        ldr     r9, [r11, #T_IPC_BUFFER]
        add     r8, r8, #(MSG_REGISTER_WORDS * 4)
        add     r9, r9, #(MSG_REGISTER_WORDS * 4)
        sub     r12, r12, #MSG_REGISTER_WORDS
1:      ldr     \tmp, [r8], #4
        str     \tmp, [r9], #4
        subs    r12, r12, #1
        bne     1b
.endm

/* [wake] thread_wake(r11), whose priority p is in lr and whose level is
 * empty: queue[p] = { r11 }, its bit set. Leaves r8 = &sched_state,
 * r12 = 1 and lr = level_words with p's word set (not stored yet). */
.macro WAKE
        ldr     r8, =sched_state
        mov     r12, #1
        strb    r12, [r11, #T_STATE]            @ TS_RUNNABLE
        add     r9, r8, lr, lsl #3
        str     r11, [r9]                       @ head
        str     r11, [r9, #4]                   @ tail
        lsr     r9, lr, #5
        and     lr, lr, #31
        add     r10, r8, r9, lsl #2
        ldr     r7, [r10, #SS_BITS]
        orr     r7, r7, r12, lsl lr
        str     r7, [r10, #SS_BITS]
        ldr     lr, [r8, #SS_WORDS]
        orr     lr, lr, r12, lsl r9
.endm

/* [block] thread_block() of the thread at SP_hyp, alone at its level q, into
 * `state`: queue[q] emptied, its bit cleared, and its word's bit in
 * level_words if the word empties; then [wake] thread_wake(r11), whose
 * priority p (in lr) is at least q and whose level is empty once q's is:
 * queue[p] = { r11 }, its bits set. In this order p may equal q. Needs r0 = 0;
 * uses r7-r10, r12 and lr. */
.macro BLOCK_THEN_WAKE state
        ldr     r8, =sched_state
        mov     r7, #\state
        strb    r7, [sp, #S(T_STATE)]
        ldrb    r7, [sp, #S(T_PRIORITY)]
        add     r9, r8, r7, lsl #3
        str     r0, [r9]                        @ head
        str     r0, [r9, #4]                    @ tail
        lsr     r10, r7, #5
        and     r7, r7, #31
        add     r9, r8, r10, lsl #2
        mov     r12, #1
        lsl     r7, r12, r7
        ldr     r12, [r9, #SS_BITS]
        bics    r12, r12, r7
        str     r12, [r9, #SS_BITS]
        ldr     r9, [r8, #SS_WORDS]
        mov     r12, #1
        biceq   r9, r9, r12, lsl r10            @ q's word is empty
        strb    r12, [r11, #T_STATE]            @ [wake] TS_RUNNABLE
        add     r10, r8, lr, lsl #3
        str     r11, [r10]                      @ head
        str     r11, [r10, #4]                  @ tail
        lsr     r10, lr, #5
        and     lr, lr, #31
        orr     r9, r9, r12, lsl r10
        str     r9, [r8, #SS_WORDS]
        add     r10, r8, r10, lsl #2
        ldr     r7, [r10, #SS_BITS]
        orr     r7, r7, r12, lsl lr
        str     r7, [r10, #SS_BITS]
.endm

/* [switch] arch_enter_user(r11): its address space (distinct VMIDs: no TLB
 * maintenance; the eret synchronises), its thread pointer, current; then
 * r7-r12, sp, lr, pc and cpsr from its context. r0-r6 are the message. */
.macro SWITCH_AND_RETURN
        ldr     r9, [r11, #T_VS]
        ldrd    r8, r9, [r9, #VS_VTTBR]
        mcrr    p15, 6, r8, r9, c2              @ VTTBR
        ldr     r8, [r11, #T_TLS]
        mcr     p15, 0, r8, c13, c0, 3          @ TPIDRURO
        ldr     r8, =current
        str     r11, [r8]
        add     sp, r11, #T_CTX_SP
        ldm     sp, {r8-r11}                    @ sp, lr, pc, cpsr
        msr     sp_usr, r8
        mov     lr, r9
        msr     elr_hyp, r10
        msr     spsr_cxsf, r11
        ldmdb   sp, {r7-r12}
        eret
.endm

/* call: hand the message to the receiver waiting on the endpoint, give it the
 * reply right, block for the reply. The receiver runs next: it is not below
 * the caller, and the caller is alone at its level (at the same level, the
 * caller leaves it before the receiver joins it). */
        .global arm_fastpath_call
arm_fastpath_call:
        SHORT_SVC
        ENDPOINT_CAP CAP_RIGHTS_CALL
        ldr     r11, [r10, #EP_RECV_HEAD]       @ [partner] the receiver
        cmp     r11, #0
        beq     arm_fastpath_slow               @ nobody waiting: the caller blocks
        ldrb    lr, [r11, #T_PRIORITY]          @ [sched] p
        ldrb    r7, [sp, #S(T_PRIORITY)]        @ q
        cmp     lr, r7
        blo     arm_fastpath_slow               @ below the caller: schedule() decides
        ldr     r9, [sp, #S(T_NEXT)]
        cmp     r9, #0
        bne     arm_fastpath_slow               @ another thread at the caller's level

        ldr     r6, [r8, #CAP_BADGE]            @ [commit] the message: badge,
        bic     r1, r1, #MSG_NOTIFICATION_FLAG  @ info as transfer() has it
        mov     r0, #ERR_OK
        ldr     r9, [r11, #T_QUEUE_NEXT]        @ tq_pop
        str     r9, [r10, #EP_RECV_HEAD]
        cmp     r9, #0
        streq   r9, [r10, #EP_RECV_TAIL]
        str     r0, [r11, #T_QUEUE_NEXT]
        str     r0, [r11, #T_BLOCKED_ON]
        sub     r9, sp, #T_CTX_SP
        str     r9, [r11, #T_REPLY_TO]          @ the one-shot reply right
        cmp     r12, #MSG_REGISTER_WORDS
        bhi     call_copy
call_copied:
        BLOCK_THEN_WAKE TS_BLOCKED_REPLY
        SWITCH_AND_RETURN
call_copy:
        COPY_WORDS r7
        b       call_copied

/* reply_recv: reply to the caller, which runs next, and wait on the endpoint.
 * Only when a reply right is held (not for a fault), no sender is queued and
 * no bound notification bit is pending (either ends the receive at once), the
 * replier is alone at its level, and nothing else would be runnable in the
 * caller's bitmap word or above. */
        .global arm_fastpath_reply_recv
arm_fastpath_reply_recv:
        SHORT_SVC
        ENDPOINT_CAP CAP_RIGHTS_RECEIVE
        ldr     r11, [sp, #S(T_REPLY_TO)]       @ [partner] the caller
        cmp     r11, #0
        beq     arm_fastpath_slow               @ no reply right: just a receive
        ldrb    r9, [r11, #T_IN_FAULT]
        cmp     r9, #0
        bne     arm_fastpath_slow               @ a fault handler's answer
        ldr     r9, [r10, #EP_SEND_HEAD]
        cmp     r9, #0
        bne     arm_fastpath_slow               @ a sender is waiting to be received
        ldr     r9, [sp, #S(T_BOUND)]
        cmp     r9, #0
        bne     rr_bound
rr_unbound:
        ldr     r9, [sp, #S(T_NEXT)]            @ [sched]
        cmp     r9, #0
        bne     arm_fastpath_slow               @ another thread at the replier's level
        ldrb    r7, [sp, #S(T_PRIORITY)]        @ q
        ldr     r8, =sched_state
        lsr     r9, r7, #5
        and     r7, r7, #31
        mov     r12, #1
        add     r0, r8, r9, lsl #2
        lsl     r9, r12, r9
        ldr     r6, [r0, #SS_BITS]
        bic     r6, r6, r12, lsl r7             @ q's bitmap word, without q
        ldr     r7, [r8, #SS_WORDS]
        cmp     r6, #0
        biceq   r7, r7, r9                      @ level_words, without q's word if empty
        ldrb    lr, [r11, #T_PRIORITY]          @ p
        lsr     r9, lr, #5
        lsrs    r9, r7, r9
        bne     arm_fastpath_slow               @ something else may run first

        str     r6, [r0, #SS_BITS]              @ [commit] the replier leaves its level
        ldrb    r6, [sp, #S(T_PRIORITY)]
        mov     r0, #ERR_OK
        add     r6, r8, r6, lsl #3
        str     r0, [r6]
        str     r0, [r6, #4]
        mov     r6, #TS_BLOCKED_RECV
        strb    r6, [sp, #S(T_STATE)]
        mov     r6, #0                          @ the message: badge 0 for a reply,
        bic     r1, r1, #MSG_NOTIFICATION_FLAG  @ info as transfer() has it
        str     r0, [sp, #S(T_REPLY_TO)]        @ the reply right is used up
        str     r10, [sp, #S(T_BLOCKED_ON)]     @ tq_push onto the receivers
        str     r0, [sp, #S(T_QUEUE_NEXT)]
        sub     r9, sp, #T_CTX_SP
        ldr     r12, [r10, #EP_RECV_TAIL]
        cmp     r12, #0
        strne   r9, [r12, #T_QUEUE_NEXT]
        streq   r9, [r10, #EP_RECV_HEAD]
        str     r9, [r10, #EP_RECV_TAIL]
        and     r12, r1, #MSG_LENGTH_MASK
        cmp     r12, #MSG_REGISTER_WORDS
        bhi     rr_copy
rr_copied:
        mov     r12, #1                         @ [wake] the caller, p in lr
        strb    r12, [r11, #T_STATE]            @ TS_RUNNABLE
        add     r9, r8, lr, lsl #3
        str     r11, [r9]
        str     r11, [r9, #4]
        lsr     r9, lr, #5
        and     lr, lr, #31
        add     r10, r8, r9, lsl #2
        ldr     r0, [r10, #SS_BITS]
        orr     r0, r0, r12, lsl lr
        str     r0, [r10, #SS_BITS]
        orr     r7, r7, r12, lsl r9
        str     r7, [r8, #SS_WORDS]
        mov     r0, #ERR_OK
        SWITCH_AND_RETURN
rr_bound:
        ldr     r9, [r9, #NTFN_WORD]
        cmp     r9, #0
        beq     rr_unbound
        b       arm_fastpath_slow               @ pending bits end the receive
rr_copy:
        COPY_WORDS r0
        ldr     r8, =sched_state
        b       rr_copied

/* send: hand the message to a waiting receiver above the sender, which runs
 * next; the sender stays runnable, at the head of its level, with ERR_OK. */
        .global arm_fastpath_send
arm_fastpath_send:
        SHORT_SVC
        ENDPOINT_CAP CAP_RIGHTS_SEND
        ldr     r11, [r10, #EP_RECV_HEAD]       @ [partner] the receiver
        cmp     r11, #0
        beq     arm_fastpath_slow
        ldrb    lr, [r11, #T_PRIORITY]          @ [sched] p
        ldrb    r7, [sp, #S(T_PRIORITY)]        @ q
        cmp     lr, r7
        bls     arm_fastpath_slow               @ the sender keeps the CPU

        ldr     r6, [r8, #CAP_BADGE]            @ [commit] the message
        bic     r1, r1, #MSG_NOTIFICATION_FLAG
        mov     r0, #ERR_OK
        str     r0, [sp, #S(0)]                 @ the sender's r0: ERR_OK
        ldr     r9, [r11, #T_QUEUE_NEXT]        @ tq_pop
        str     r9, [r10, #EP_RECV_HEAD]
        cmp     r9, #0
        streq   r9, [r10, #EP_RECV_TAIL]
        str     r0, [r11, #T_QUEUE_NEXT]
        str     r0, [r11, #T_BLOCKED_ON]
        cmp     r12, #MSG_REGISTER_WORDS
        bhi     send_copy
send_copied:
        WAKE
        str     lr, [r8, #SS_WORDS]
        SWITCH_AND_RETURN
send_copy:
        COPY_WORDS r7
        b       send_copied

        .ltorg
