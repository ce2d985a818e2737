/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * The IPC fast paths on ARM: `call`, `reply_recv` and `send` in their common
 * case, as straight-line code that hands the CPU from the calling thread to
 * its partner without the general dispatch and without schedule().
 *
 * user_trap (vectors.S) has saved the caller's registers into its context, as
 * for every trap, and comes here by system-call number with SP_hyp at the
 * context's sp field (thread + T_CTX_SP; S() turns a thread offset into an
 * SP_hyp one) and r0-r7 still the caller's. Each path checks its guards
 * first; the first that fails branches to arm_fastpath_slow, the ordinary
 * path, before anything has changed, and that path then does the whole call.
 * Past the guards the path commits: it leaves the threads, queues and
 * registers as kernel/ipc.c and kernel/sched.c would, with shortcuts that
 * only skip stores of values already there: a thread that is in no run queue
 * has next == NULL, one in no thread queue has queue_next == NULL, and a
 * thread's slice_left is only 0 when its time slice is 0, so thread_wake()'s
 * refill never changes it.
 *
 * Scheduling is lazy (the invariants S1-S3 are in kernel/include/kernel/
 * sched.h): the running thread is in no run queue, and no queued thread is
 * above it. So `call` and `reply_recv`, which block the running thread and
 * run its partner, touch no run queue at all; they only check that the
 * partner is what schedule() would pick. `send` leaves the sender runnable:
 * it rejoins its level at the head. None of them stores `current`: SP_hyp
 * says which thread runs, and vectors.S stores `current` from it on every
 * way into C.
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
#include <spec_limits.h>               /* SPEC_BUDGETS */

        .syntax unified
        .arch_extension virt
        .arm
        .text

#define S(off) ((off) - T_CTX_SP)

/* [entry] An `svc #0` with a message of at most FASTPATH_MAX_WORDS words and
 * no notification flag (a flagged one goes the ordinary way, which clears
 * it); r12 = its length. */
.macro SHORT_SVC
#ifdef SPEC_BUDGETS
        b       arm_fastpath_slow               @ budgets: schedule() charges every switch
#endif
        mrc     p15, 4, r8, c5, c2, 0           @ HSR
        and     r12, r1, #(MSG_LENGTH_MASK | MSG_NOTIFICATION_FLAG)
        cmp     r12, #FASTPATH_MAX_WORDS
        cmpls   r8, #HSR_SVC0
        bne     arm_fastpath_slow
.endm

/* [cap] r0 names a capability to an object of `type` with every right in
 * `rights` (shifted into the rights byte); r8 = the capability, r10 = the
 * object, in `table`, each 1 << `shift` bytes. */
.macro OBJECT_CAP type, rights, table, shift
        ldr     r8, [sp, #S(T_VS)]
        ldrd    r8, r9, [r8, #VS_CAPS]          @ caps, ncaps
        cmp     r0, r9
        bhs     arm_fastpath_slow
        ldr     r9, [r8, r0, lsl #CAP_SIZE_SHIFT]!   @ type | rights << 8 | object << 16
        sub     r10, r9, #\type                 @ the type byte 0 if of that type
        eor     r10, r10, #\rights              @ the rights wanted 0 if present
        tst     r10, #0xff
        tsteq   r10, #\rights
        bne     arm_fastpath_slow
        ldr     r10, =\table
        lsr     r9, r9, #16
        add     r10, r10, r9, lsl #\shift
.endm

.macro ENDPOINT_CAP rights
        OBJECT_CAP OBJ_ENDPOINT, \rights, endpoints, EP_SIZE_SHIFT
.endm

/* [requeue] The thread at SP_hyp, whose priority q is in r7, still runnable
 * but no longer running, rejoins its level at the head (as schedule() would
 * put it back: S1), its bits set; it was above every queued thread (S2), so
 * the highest queued level is now its own (sched_state.top = q + 1). Leaves
 * r12 = 1; uses r8-r10 and lr. */
.macro REQUEUE_HEAD
        ldr     r8, =sched_state
        add     r9, r8, r7, lsl #3              @ queue[q]
        ldr     r10, [r9]
        str     r10, [sp, #S(T_NEXT)]
        sub     r12, sp, #T_CTX_SP
        cmp     r10, #0
        streq   r12, [r9, #4]                   @ tail, if the level was empty
        str     r12, [r9]                       @ head
        add     lr, r7, #1
        str     lr, [r8, #SS_TOP]
        lsr     r9, r7, #5                      @ q's bits
        and     r7, r7, #31
        mov     r12, #1
        add     r10, r8, r9, lsl #2
        ldr     lr, [r10, #SS_BITS]
        orr     lr, lr, r12, lsl r7
        str     lr, [r10, #SS_BITS]
        ldr     lr, [r8, #SS_WORDS]
        orr     lr, lr, r12, lsl r9
        str     lr, [r8, #SS_WORDS]
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

/* [switch] arch_enter_user(r11): its address space (distinct VMIDs: no TLB
 * maintenance; the eret synchronises), its grant of the cycle counter
 * (PMUSERENR, loaded with VTTBR by the same ldm and written every time: one
 * instruction, where comparing first would cost more) and its thread
 * pointer; then r7-r12 (`first`-r12), sp, pc, cpsr and lr from its context,
 * which SP_hyp points into from now on. r0-r6 (r0 up to `first`) are the
 * message. */
.macro SWITCH_AND_RETURN first=r7
        ldr     r12, [r11, #T_VS]
        ldm     r12, {r8-r10}                   @ VTTBR (VS_VTTBR), PMUSERENR (VS_PMUSERENR)
        mcrr    p15, 6, r8, r9, c2              @ VTTBR
        mcr     p15, 0, r10, c9, c14, 0         @ PMUSERENR
        ldr     r8, [r11, #T_TLS]
        mcr     p15, 0, r8, c13, c0, 3          @ TPIDRURO
        add     sp, r11, #T_CTX_SP
        ldm     sp, {r8-r10, lr}                @ sp, pc, cpsr, lr
        msr     sp_usr, r8
        msr     elr_hyp, r9
        msr     spsr_cxsf, r10
        ldmdb   sp, {\first-r12}
        eret
.endm

/* call: hand the message to the receiver waiting on the endpoint, give it the
 * reply right, block for the reply. The receiver runs next, as schedule()
 * would pick it: it is above the caller, so above every queued thread (S2),
 * or at the caller's level with nothing queued there. No run queue changes
 * (S1): the caller leaves the CPU blocked, the receiver takes it. */
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
        beq     call_same_level
call_runs_next:
        ldr     r6, [r8, #CAP_BADGE]            @ [commit] the message: badge,
        mov     r0, #ERR_OK
        ldr     r9, [r11, #T_QUEUE_NEXT]        @ tq_pop
        str     r9, [r10, #EP_RECV_HEAD]
        cmp     r9, #0
        streq   r9, [r10, #EP_RECV_TAIL]
        strne   r0, [r11, #T_QUEUE_NEXT]
        str     r0, [r11, #T_BLOCKED_ON]
        sub     r9, sp, #T_CTX_SP
        str     r9, [r11, #T_REPLY_TO]          @ the one-shot reply right
        cmp     r12, #MSG_REGISTER_WORDS
        bhi     call_copy
call_copied:
        mov     r7, #TS_BLOCKED_REPLY           @ [block] the caller
        strb    r7, [sp, #S(T_STATE)]
        mov     r7, #TS_RUNNABLE                @ [wake] the receiver
        strb    r7, [r11, #T_STATE]
        SWITCH_AND_RETURN
call_copy:
        COPY_WORDS r7
        b       call_copied
call_same_level:                                @ [sched] p == q: only if no other
        ldr     r9, =sched_state                @ thread is queued at that level
        ldr     r9, [r9, lr, lsl #3]            @ queue[p].head
        cmp     r9, #0
        beq     call_runs_next
        b       arm_fastpath_slow

/* reply_recv: reply to the caller, which runs next, and wait on the endpoint.
 * Only when a call's reply right is held (reply_to: a fault's is in fault_to,
 * which only the ordinary path answers), no sender is queued and
 * no bound notification bit is pending (either ends the receive at once), and
 * no thread is queued at the caller's priority or above, so that schedule()
 * would pick the caller: one at a lower priority, even in the same bitmap
 * word, leaves the fast path to it. No run queue changes (S1). */
        .global arm_fastpath_reply_recv
arm_fastpath_reply_recv:
        SHORT_SVC
        ENDPOINT_CAP CAP_RIGHTS_RECEIVE
        ldr     r11, [sp, #S(T_REPLY_TO)]       @ [partner] the caller (a fault's
        cmp     r11, #0                         @ answer goes to fault_to: C's)
        beq     arm_fastpath_slow               @ no reply right: just a receive
        ldr     r7, [r10, #EP_SEND_HEAD]        @ a sender waiting to be received,
        ldr     r6, [sp, #S(T_BOUND)]           @ a bound notification:
        orrs    r9, r7, r6                      @ either may end the fast path
        bne     rr_check
rr_partner_ok:
        ldr     r8, =sched_state + SS_TOP       @ [sched] 1 + the highest queued level
        ldrb    lr, [r11, #T_PRIORITY]          @ p
        ldr     r7, [r8]
        cmp     lr, r7
        blo     arm_fastpath_slow               @ a queued thread at p or above runs first
        mov     r6, #0                          @ the reply's badge
        mov     r0, #ERR_OK                     @ [commit]
        mov     r7, #TS_BLOCKED_RECV            @ the replier waits on the endpoint
        strb    r7, [sp, #S(T_STATE)]
        str     r0, [sp, #S(T_REPLY_TO)]        @ the reply right is used up
        str     r10, [sp, #S(T_BLOCKED_ON)]     @ tq_push onto the receivers
        sub     r9, sp, #T_CTX_SP
        ldr     r8, [r10, #EP_RECV_TAIL]
        cmp     r8, #0
        strne   r9, [r8, #T_QUEUE_NEXT]
        streq   r9, [r10, #EP_RECV_HEAD]
        str     r9, [r10, #EP_RECV_TAIL]
        cmp     r12, #MSG_REGISTER_WORDS
        bhi     rr_copy
rr_copied:
        mov     r12, #TS_RUNNABLE               @ [wake] the caller
        strb    r12, [r11, #T_STATE]
        SWITCH_AND_RETURN
rr_copy:
        COPY_WORDS r0
        mov     r0, #ERR_OK
        b       rr_copied
rr_check:                                       @ [partner], the rare cases:
        cmp     r7, #0
        bne     arm_fastpath_slow               @ a queued sender
        ldr     r9, [r6, #NTFN_WORD]
        cmp     r9, #0
        beq     rr_partner_ok                   @ bound, but no bit pending
        b       arm_fastpath_slow               @ pending bits end the receive

/* send: hand the message to a waiting receiver above the sender, which runs
 * next; the sender stays runnable with ERR_OK and, no longer running, rejoins
 * its level at the head (where schedule() would put it back, S1). */
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
        mov     r0, #ERR_OK
        str     r0, [sp, #S(0)]                 @ the sender's r0: ERR_OK
        ldr     r9, [r11, #T_QUEUE_NEXT]        @ tq_pop
        str     r9, [r10, #EP_RECV_HEAD]
        cmp     r9, #0
        streq   r9, [r10, #EP_RECV_TAIL]
        strne   r0, [r11, #T_QUEUE_NEXT]
        str     r0, [r11, #T_BLOCKED_ON]
        cmp     r12, #MSG_REGISTER_WORDS
        bhi     send_copy
send_copied:
        REQUEUE_HEAD                            @ [requeue] the sender (q in r7)
        strb    r12, [r11, #T_STATE]            @ [wake] TS_RUNNABLE (1)
        SWITCH_AND_RETURN
send_copy:
        COPY_WORDS r7
        ldrb    r7, [sp, #S(T_PRIORITY)]
        b       send_copied

/* signal: a thread waiting on the notification above the signaller takes
 * the word with the badge or'd in (r0 = ERR_OK, r1 = the notification flag,
 * r6 = the bits, its other registers as it waited) and runs next; the word is
 * then 0. The signaller stays runnable with ERR_OK and rejoins its level at
 * the head, as for send. A waiter at or below the signaller, or none, is the
 * ordinary path's (which only wakes it, or only sets bits). */
        .global arm_fastpath_signal
arm_fastpath_signal:
#ifdef SPEC_BUDGETS
        b       arm_fastpath_slow               @ budgets: schedule() charges every switch
#endif
        mrc     p15, 4, r8, c5, c2, 0           @ [entry] an `svc #0`
        cmp     r8, #HSR_SVC0
        bne     arm_fastpath_slow
        OBJECT_CAP OBJ_NOTIFICATION, CAP_RIGHTS_SIGNAL, notifications, NTFN_SIZE_SHIFT
        ldr     r11, [r10, #NTFN_WAIT_HEAD]     @ [partner] the first waiter
        cmp     r11, #0
        beq     arm_fastpath_slow
        ldrb    lr, [r11, #T_PRIORITY]          @ [sched] p
        ldrb    r7, [sp, #S(T_PRIORITY)]        @ q
        cmp     lr, r7
        bls     arm_fastpath_slow               @ the signaller keeps the CPU

        ldr     r6, [r8, #CAP_BADGE]            @ [commit] the bits: the badge
        ldr     r9, [r10, #NTFN_WORD]           @ with the word or'd in,
        mov     r0, #ERR_OK
        orr     r6, r6, r9
        str     r0, [r10, #NTFN_WORD]           @ which is taken
        str     r0, [sp, #S(0)]                 @ the signaller's r0: ERR_OK
        ldr     r9, [r11, #T_QUEUE_NEXT]        @ tq_pop of the waiter
        str     r9, [r10, #NTFN_WAIT_HEAD]
        cmp     r9, #0
        streq   r9, [r10, #NTFN_WAIT_TAIL]
        strne   r0, [r11, #T_QUEUE_NEXT]
        str     r0, [r11, #T_BLOCKED_ON]
        mov     r1, #MSG_NOTIFICATION_FLAG
        str     r6, [r11, #(6 * 4)]             @ its r6, restored with r2-r12
        REQUEUE_HEAD                            @ [requeue] the signaller (q in r7)
        strb    r12, [r11, #T_STATE]            @ [wake] TS_RUNNABLE (1)
        SWITCH_AND_RETURN r2

        .ltorg

/* The tick (an interrupt from PL0, the board's timer) in its common case:
 * kernel_interrupt() -> timer_handle_irq() -> kernel_tick() -> schedule()
 * as straight-line code. user_irq (vectors.S) has saved the interrupted
 * thread's registers as for every trap (not with budgets: the ordinary path
 * takes every interrupt there). The path claims the interrupt (GICC_IAR, or
 * the BCM2836 core's sources) and takes it only if it is the tick, the
 * hardware is set up for native threads (a vCPU's interruption takes the
 * ordinary path, which may switch worlds), no tick was missed, no console
 * line is partial (console_tick() would emit it), the running thread is
 * alone at its level if its time slice ends (sched_rotate() then only gives
 * it a fresh one), and either no timer expires or
 * exactly one does: the first armed, periodic, whose next deadline is still
 * ahead and before the next armed timer's (so it stays first and `timer_armed`
 * does not change), and whose notification has a waiter above the running
 * thread (above every queued thread too: S2), which runs next. Anything else
 * goes to arm_irq_slow_claimed, with the claimed value in r11, before
 * anything has changed. Past the guards it does what the ordinary path
 * would: the next tick in CNTHP_CVAL, kernel_ticks, the slice counted down
 * or renewed;
 * the timer's deadline advanced by its period, the notification's word with
 * the badge or'd in delivered to its first waiter (r0 = ERR_OK, r1 = the flag,
 * r6 = the bits) and taken; the interrupt completed; the interrupted thread
 * at the head of its level (S1), as schedule() would put it back; the switch
 * as arch_enter_user() (native to native: no world switch). With no timer
 * expiring, it returns to the interrupted thread.
 *
 * docs/profiling.md counts its instructions; keep it in step. */
        .global arm_fastpath_irq
arm_fastpath_irq:
        ldr     r10, =arm_tick                  @ [claim]
        ldr     r12, [r10, #TICK_CLAIM]
        ldrd    r8, r9, [r10, #TICK_MASK]       @ mask, match
        ldr     r11, [r12]                      @ GICC_IAR: claimed
        and     r8, r11, r8
        cmp     r8, r9
        bne     arm_irq_slow_claimed            @ another interrupt
        ldr     r8, =arm_hw_guest
        ldrb    r8, [r8]
        cmp     r8, #0
        bne     arm_irq_slow_claimed            @ a vCPU was interrupted
        isb                                     @ [tick] arch_counter()
        mrrc    p15, 0, r0, r1, c14             @ now = CNTPCT
        ldrd    r2, r3, [r10, #TICK_DEADLINE]
        ldrd    r4, r5, [r10, #TICK_PERIOD]
        adds    r2, r2, r4
        adc     r3, r3, r5                      @ the next tick
        subs    r4, r0, r2
        sbcs    r4, r1, r3
        bhs     arm_irq_slow_claimed            @ ticks missed: skipped in C
        ldr     r4, =console_lines_partial
        ldr     r4, [r4]
        cmp     r4, #0
        bne     arm_irq_slow_claimed            @ console_tick() has work
        ldrh    r12, [sp, #S(T_SLICE_LEFT)]     @ sched_tick(): r12 = its slice
        subs    r12, r12, #1                    @ one tick shorter,
        bls     irq_slice_ends                  @ or a fresh one
irq_slice_set:
        ldr     r8, =timer_armed                @ [timer]
        ldr     r8, [r8]
        cmp     r8, #0
        beq     irq_tick_only                   @ no timer armed
        ldrd    r6, r7, [r8, #T_TIMER_DEADLINE]
        subs    r4, r0, r6
        sbcs    r4, r1, r7
        blo     irq_tick_only                   @ the first timer is not due
        ldrd    r4, r5, [r8, #T_TIMER_PERIOD]
        orrs    lr, r4, r5
        beq     arm_irq_slow_claimed            @ a one-shot timer
        adds    r6, r6, r4
        adc     r7, r7, r5                      @ its next deadline
        subs    r4, r0, r6
        sbcs    r4, r1, r7
        bhs     arm_irq_slow_claimed            @ fell behind: skipped in C
        ldr     r4, [r8, #T_TIMER_NEXT]
        cmp     r4, #0
        bne     irq_next_timer
irq_stays_first:
        ldr     r9, [r8, #T_TIMER_NTFN]         @ [partner]
        ldr     r4, [r9, #NTFN_WAIT_HEAD]       @ the first waiter
        cmp     r4, #0
        beq     arm_irq_slow_claimed
        ldrb    lr, [r4, #T_PRIORITY]           @ [sched] p
        ldrb    r5, [sp, #S(T_PRIORITY)]        @ q
        cmp     lr, r5
        bls     arm_irq_slow_claimed            @ the interrupted thread runs on

        strd    r2, r3, [r10, #TICK_DEADLINE]   @ [commit] the tick
        mcrr    p15, 6, r2, r3, c14             @ CNTHP_CVAL
        isb
        ldr     r0, [r10, #TICK_COMPLETE]
        str     r11, [r0]                       @ GICC_EOIR
        ldr     r0, =kernel_ticks
        ldrd    r2, r3, [r0]
        adds    r2, r2, #1
        adc     r3, r3, #0
        strd    r2, r3, [r0]
        strh    r12, [sp, #S(T_SLICE_LEFT)]     @ sched_tick()
        strd    r6, r7, [r8, #T_TIMER_DEADLINE] @ the timer
        ldr     r6, [r8, #T_TIMER_BADGE]        @ the bits: the badge
        ldr     r2, [r9, #NTFN_WORD]            @ with the word or'd in,
        mov     r0, #ERR_OK
        orr     r6, r6, r2
        str     r0, [r9, #NTFN_WORD]            @ which is taken
        mov     r11, r4
        ldr     r2, [r11, #T_QUEUE_NEXT]        @ tq_pop of the waiter
        str     r2, [r9, #NTFN_WAIT_HEAD]
        cmp     r2, #0
        streq   r2, [r9, #NTFN_WAIT_TAIL]
        strne   r0, [r11, #T_QUEUE_NEXT]
        str     r0, [r11, #T_BLOCKED_ON]
        mov     r1, #MSG_NOTIFICATION_FLAG
        str     r6, [r11, #(6 * 4)]             @ its r6, restored with r2-r12
        mov     r7, r5
        REQUEUE_HEAD                            @ [requeue] the interrupted thread
        strb    r12, [r11, #T_STATE]            @ [wake] TS_RUNNABLE (1)
        SWITCH_AND_RETURN r2

irq_next_timer:                                 @ [timer] another armed: ours stays
        ldrd    r0, r1, [r4, #T_TIMER_DEADLINE] @ first only before its deadline
        subs    r0, r6, r0
        sbcs    r1, r7, r1
        blo     irq_stays_first
        b       arm_irq_slow_claimed            @ reinserted further on: C

irq_slice_ends:                                 @ sched_rotate(), alone at its level:
        ldrb    r12, [sp, #S(T_PRIORITY)]       @ a fresh slice, no queue change
        ldr     lr, =sched_state
        ldr     lr, [lr, r12, lsl #3]           @ queue[q].head
        cmp     lr, #0
        bne     arm_irq_slow_claimed            @ round robin: another runs
        ldr     r12, [sp, #S(T_SPEC)]
        ldrh    r12, [r12, #SPEC_TIMESLICE]
        b       irq_slice_set

irq_tick_only:                                  @ no timer due: the tick alone
        strd    r2, r3, [r10, #TICK_DEADLINE]
        mcrr    p15, 6, r2, r3, c14             @ CNTHP_CVAL
        isb
        ldr     r0, [r10, #TICK_COMPLETE]
        str     r11, [r0]                       @ GICC_EOIR
        ldr     r0, =kernel_ticks
        ldrd    r2, r3, [r0]
        adds    r2, r2, #1
        adc     r3, r3, #0
        strd    r2, r3, [r0]
        strh    r12, [sp, #S(T_SLICE_LEFT)]     @ sched_tick()
        ldr     lr, [sp, #12]                   @ back to the interrupted thread:
        ldmdb   sp, {r0-r12}                    @ sp_usr, elr_hyp, spsr untouched
        eret

        .ltorg
