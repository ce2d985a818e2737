/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * The tick's fast path on x86_64: an interrupt from ring 3 by the local APIC
 * timer, in its common case, as straight-line code: kernel_interrupt() ->
 * timer_handle_irq() -> kernel_tick() -> timer_expire() -> ntfn_signal() ->
 * schedule() -> arch_enter_user(), modelled on ARM's arm_fastpath_irq
 * (arch/arm/fastpath.S). Two cases: the tick alone (no timer due), which
 * returns to the interrupted thread with iretq, and the tick whose one
 * expiring periodic thread timer wakes a waiter above the interrupted thread,
 * which switches to the waiter with sysretq (it waits in a system call, so
 * SYSCALL saved its context, as for the IPC fast paths' partners).
 *
 * The tick's stub in entry.S (not with budgets, SPEC_BUDGETS: their tick
 * charges them, so every interrupt takes the ordinary path there) has pushed
 * the error code (0) and the vector under the CPU's frame; from ring 3 that
 * frame is in the interrupted thread's context (TSS.RSP0 is its frame end), so
 * rsp is thread + CTX_VECTOR and V() turns a thread offset into one from rsp.
 * From ring 0 (the idle loop) the trap goes on to trap_common as every other.
 *
 * The guards run on rax, rcx, rdx, rsi and rdi, saved first; once a timer is
 * due, the rest of the registers are saved too (a switch needs them all: the
 * interrupted thread stays runnable and resumes from its context later). The
 * first guard that fails goes to the ordinary path (irq_slow_guards, which
 * saves the rest, or irq_slow) before anything has changed: the whole frame,
 * as trap_common builds it, then x86_user_trap() -> kernel_interrupt(), which
 * does the whole tick. The guards: the tick is due (not yet: an event or an
 * early interrupt, timer_handle_irq()'s other case) and no tick was missed; no
 * partial console line (console_tick() would emit it); the running thread's
 * time slice goes on, or it ends with the thread alone at its level
 * (sched_rotate() then only renews it); and either no timer is due (to return
 * to the interrupted thread: its rip and rsp in user space and no flag in its
 * rflags that arch_enter_user() would clear, as check_resume() and the mask
 * would find) or the first armed timer is due, periodic, its next deadline
 * ahead of the counter and, if another timer is armed, before that one's (so
 * it stays first and `timer_armed` does not change: no list walk), its
 * notification has a waiter above the interrupted thread (so above every
 * queued thread too: S2), and the interrupted thread's address space has no
 * I/O ports (a switch from it must clear the TSS's I/O bitmap: C's; a switch
 * to a waiter with ports ends in C, as in fastpath.S). The vector needs no guard: only the
 * tick's stub comes here, and no other vector is pending in irq.c from ring 3
 * (only the idle loop marks vectors pending, and dispatches them at once).
 *
 * Past the guards it does what the ordinary path would: the next tick's
 * deadline and the local APIC timer's count to it (program(): the same
 * multiplication and division), end of interrupt, kernel_ticks, the slice
 * counted down or renewed; then either the return to the interrupted thread
 * (its TLS base written again, as arch_enter_user() does: a thread may move
 * FS.base itself with WRFSBASE), or the timer's deadline advanced by its
 * period, the notification's word with the badge or'd in delivered to its
 * first waiter (rdi = ERR_OK, rsi = the flag, rbx = the bits, its message
 * registers as it waited) and taken, the interrupted thread at the head of its
 * level (S1, as schedule() puts it back), and the switch. Shortcuts only skip
 * stores of values already there, as in fastpath.S: the waiter is taken off
 * its queue as the queue's rules need (kernel/thread.h), and a thread's
 * slice_left is 0 only when its time slice is 0, so thread_wake()'s refill
 * never changes it. Like the IPC
 * fast paths it does not store `current`: TSS.RSP0 says which thread runs.
 *
 * The counter is read once: kernel_tick()'s second read (arch_counter()) is
 * the first here, as on ARM; a timer due between the two reads expires a tick
 * later, as it would with a kernel a few instructions faster.
 *
 * docs/profiling.md counts every block's instructions; keep it in step.
 */
#include <tessera/abi.h>
#include <arch/fastpath.h>
#include <spec_limits.h>               /* SPEC_BUDGETS */

        .text

#define V(off)  ((off) - CTX_VECTOR)

#include "switch.inc"                   /* REQUEUE_HEAD, SWITCH_AND_RETURN, as fastpath.S's */

/* [entry] The registers the guards use, into the interrupted thread's
 * context, and the rest once a timer is due. */
.macro SAVE_SCRATCH
        movq    %rax, V(CTX_RAX)(%rsp)
        movq    %rcx, V(CTX_RCX)(%rsp)
        movq    %rdx, V(CTX_RDX)(%rsp)
        movq    %rsi, V(CTX_RSI)(%rsp)
        movq    %rdi, V(CTX_RDI)(%rsp)
.endm

.macro SAVE_REST
        movq    %rbx, V(CTX_RBX)(%rsp)
        movq    %rbp, V(CTX_RBP)(%rsp)
        movq    %r8, V(CTX_R8)(%rsp)
        movq    %r9, V(CTX_R9)(%rsp)
        movq    %r10, V(CTX_R10)(%rsp)
        movq    %r11, V(CTX_R11)(%rsp)
        movq    %r12, V(CTX_R12)(%rsp)
        movq    %r13, V(CTX_R13)(%rsp)
        movq    %r14, V(CTX_R14)(%rsp)
        movq    %r15, V(CTX_R15)(%rsp)
.endm

/* [commit] The tick: x86_tick.deadline = rcx, the next; the local APIC timer
 * one-shot to it as timer.c's program() counts, now being rax:
 * (rcx - rax) * lapic_hz / tsc_hz + 1, rcx > rax. The product is below 2^64
 * (rcx - rax <= period <= tsc_hz < 2^32, lapic_hz < 2^32), so MUL leaves
 * rdx = 0 for DIV, as C's 64-bit arithmetic has it; the count is at most
 * lapic_hz / BOARD_TICK_HZ + 1 < 2^32 (fastpath.c checks BOARD_TICK_HZ >= 2),
 * so program()'s clamps change nothing. Then end of interrupt (irq.c's
 * handle()), kernel_ticks and the slice (si). Uses rax and rdx. */
.macro TICK_COMMIT
        movq    %rcx, x86_tick+TICK_DEADLINE(%rip)
        subq    %rcx, %rax
        negq    %rax                            /* the next tick - now */
        mulq    x86_tick+TICK_LAPIC_HZ(%rip)
        divq    x86_tick+TICK_TSC_HZ(%rip)
        incl    %eax
        movl    %eax, TICK_LAPIC_INIT           /* lapic_write(LAPIC_TIMER_INIT) */
        movl    $0, TICK_LAPIC_EOI              /* lapic_eoi() */
        incq    kernel_ticks(%rip)
        movw    %si, V(T_SLICE_LEFT)(%rsp)      /* sched_tick() */
.endm

        .global x86_fastpath_irq
x86_fastpath_irq:
        testb   $3, V(CTX_CS)(%rsp)             /* [entry] from ring 3? */
        jz      x86_trap_common                 /* ring 0 (the idle loop): as every vector */
        SAVE_SCRATCH
        rdtsc                                   /* [tick] now, timer_handle_irq()'s */
        shlq    $32, %rdx
        orq     %rdx, %rax
        movq    x86_tick+TICK_DEADLINE(%rip), %rcx
        cmpq    %rcx, %rax
        jb      irq_slow_guards                 /* before the tick: an event, or early */
        addq    x86_tick+TICK_PERIOD(%rip), %rcx        /* the next tick */
        cmpq    %rcx, %rax
        jae     irq_slow_guards                 /* ticks missed: skipped in C */
        cmpl    $0, console_lines_partial(%rip) /* [console] */
        jne     irq_slow_guards                 /* console_tick() has work */
        movzwl  V(T_SLICE_LEFT)(%rsp), %esi     /* [slice] sched_tick(): esi = its slice */
        subl    $1, %esi                        /* one tick shorter, */
        jbe     irq_slice_ends                  /* or a fresh one (it was 1, or 0) */
irq_slice_set:
        movq    timer_armed(%rip), %rdi         /* [timer] the first armed */
        testq   %rdi, %rdi
        jz      irq_tick_only                   /* none */
        movq    T_TIMER_DEADLINE(%rdi), %rdx
        cmpq    %rdx, %rax
        jb      irq_tick_only                   /* not due */
        SAVE_REST                               /* [save] a switch, or C, needs them all */
        movq    T_TIMER_PERIOD(%rdi), %r8
        testq   %r8, %r8
        jz      irq_slow                        /* a one-shot timer */
        addq    %r8, %rdx                       /* its next deadline */
        cmpq    %rdx, %rax
        jae     irq_slow                        /* fell behind: skipped in C */
        movq    T_TIMER_NEXT(%rdi), %r8
        testq   %r8, %r8
        jnz     irq_next_timer                  /* another armed: out of line */
irq_stays_first:
        movq    T_TIMER_NTFN(%rdi), %rbp        /* [partner] its notification's */
        movq    NTFN_WAIT_HEAD(%rbp), %r13      /* first waiter */
        testq   %r13, %r13
        jz      irq_slow
        movzbl  T_PRIORITY(%r13), %r8d          /* [sched] p */
        cmpb    V(T_PRIORITY)(%rsp), %r8b       /* q */
        jbe     irq_slow                        /* the interrupted thread runs on */
        cmpb    $0, V(CTX_HAS_PORTS)(%rsp)      /* [ports] the interrupted thread's address */
        jne     irq_slow                        /* space has none (the waiter's: [switch]) */

        movq    %rdx, T_TIMER_DEADLINE(%rdi)    /* [commit] the timer */
        TICK_COMMIT
        movl    T_TIMER_BADGE(%rdi), %ebx       /* the bits: the badge */
        xorl    %edi, %edi                      /* ERR_OK */
        orl     NTFN_WORD(%rbp), %ebx           /* with the word or'd in, */
        movl    %edi, NTFN_WORD(%rbp)           /* which is taken */
        movq    T_QUEUE_NEXT(%r13), %r15        /* tq_pop() of the waiter, as far as */
        movq    %r15, NTFN_WAIT_HEAD(%rbp)      /* the queue's rules need (kernel/thread.h) */
        movl    $MSG_NOTIFICATION_FLAG, %esi
        movq    CTX_RDX(%r13), %rdx             /* the waiter's message registers */
        movq    CTX_R10(%r13), %r10             /* as it left them */
        movq    CTX_R8(%r13), %r8
        movq    CTX_R9(%r13), %r9
        leaq    V(CTX_FRAME_END)(%rsp), %rax    /* the interrupted thread, as fastpath.S has it */
        REQUEUE_HEAD                            /* [requeue] the interrupted thread */
        movl    $TS_RUNNABLE, T_STATE(%r13)     /* [wake] the waiter */
        SWITCH_AND_RETURN                       /* [switch], [fpu], exit */

irq_tick_only:                                  /* no timer due: the tick alone, back */
        movabsq $USER_TOP, %rdx                 /* to the interrupted thread if */
        cmpq    %rdx, V(CTX_RSP)(%rsp)          /* arch_enter_user() would resume it */
        ja      irq_slow_guards                 /* as it is: rsp in user space, */
        cmpq    %rdx, V(CTX_RIP)(%rsp)
        jae     irq_slow_guards                 /* rip too (check_resume()), */
        testl   $~(USER_RFLAGS | RFLAGS_FIXED), V(CTX_RFLAGS)(%rsp)
        jnz     irq_slow_guards                 /* and no flag its mask clears (NT, RF) */
        TICK_COMMIT                             /* [commit] */
        movq    V(T_TLS)(%rsp), %rax            /* [exit] its TLS base, */
        wrfsbase %rax
        movq    V(CTX_RAX)(%rsp), %rax          /* the guards' registers */
        movq    V(CTX_RCX)(%rsp), %rcx
        movq    V(CTX_RDX)(%rsp), %rdx
        movq    V(CTX_RSI)(%rsp), %rsi
        movq    V(CTX_RDI)(%rsp), %rdi
        addq    $16, %rsp                       /* the vector, the error code */
        iretq

irq_next_timer:                                 /* [timer] another armed: ours stays */
        cmpq    T_TIMER_DEADLINE(%r8), %rdx     /* first only before its deadline */
        jb      irq_stays_first
        jmp     irq_slow                        /* inserted further on: C */

irq_slice_ends:                                 /* [slice] sched_rotate(), alone at its */
        movzbl  V(T_PRIORITY)(%rsp), %esi       /* level: a fresh slice, no queue change */
        shll    $SS_QUEUE_SHIFT, %esi
        cmpq    $0, sched_state(%rsi)           /* queue[q].head */
        jne     irq_slow_guards                 /* round robin: another runs */
        movq    V(T_SPEC)(%rsp), %rsi
        movzwl  SPEC_TIMESLICE(%rsi), %esi
        jmp     irq_slice_set

/* The ordinary path: the rest of the registers, then as trap_common (entry.S)
 * goes on from ring 3, with the whole frame saved. */
irq_slow_guards:
        SAVE_REST
irq_slow:
        leaq    V(0)(%rsp), %rsp                /* the thread: its context */
        cld
        movq    %rsp, current(%rip)             /* the thread that runs (fast paths do not store it) */
        movq    $kernel_stack_top, %rsp
        call    x86_user_trap                   /* does not return */

/* The end of this file's code, its out-of-line blocks (subsection 1) included:
 * tools/fastpath_trace.py --ticks looks for the path's exits up to here. */
        .subsection 1
        .global x86_fastpath_irq_end
x86_fastpath_irq_end:
        .subsection 0

        .section .note.GNU-stack, "", @progbits
