/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * The IPC fast paths on x86_64: `call`, `reply_recv` and `send` in their
 * common case, as straight-line code that hands the CPU from the calling
 * thread to its partner without the general dispatch and without schedule().
 *
 * The SYSCALL entry (below) comes here by system-call number, still on the
 * user's stack with every register the caller's. FAST_ENTRY puts the caller's
 * frame end (thread + CTX_FRAME_END, from TSS.RSP0; F() turns a thread offset
 * into one from it) in rax, whose value the path knows, and saves rip, rflags
 * and rsp; rsp is then a free register. Each path saves what its caller needs saved (below),
 * then checks its guards; the first that fails goes to the ordinary path
 * before anything has changed, saving the rest of the caller's registers on
 * the way (the guards leave them alone), and that path then does the whole
 * call. Past the
 * guards the path commits: it leaves the threads, queues and registers as
 * kernel/ipc.c, kernel/sched.c and arch_enter_user() would, with shortcuts
 * that only skip stores nothing reads: a thread that is in no run queue has
 * next == NULL; a thread queue's tail, a thread's queue_next and its
 * blocked_on mean something only while it is queued (kernel/thread.h), so a
 * thread is taken off a queue by one load and one store; and a thread's
 * slice_left is only 0 when its time slice is 0, so thread_wake()'s refill
 * never changes it. What they would load through the caller's or the
 * partner's address space, they take from the thread's context (its copies of
 * the capability table, its size and CR3; types.h).
 *
 * Scheduling is lazy (the invariants S1-S4 are in kernel/include/kernel/
 * sched.h): the running thread is in no run queue, and no queued thread is
 * above it. So `call` and `reply_recv`, which block the running thread and
 * run its partner, touch no run queue at all; they only check that the
 * partner is what schedule() would pick. `send` leaves the sender runnable:
 * it rejoins its level at the head. None of them stores `current`: TSS.RSP0
 * says which thread runs, and every way into C stores `current` from it
 * (x86_syscall_slow here, trap_common in entry.S).
 *
 * What a path saves. Every path: rbp and r12-r15, which every system call
 * keeps. `call` and `reply_recv` block the caller until a reply or a message
 * overwrites its message registers (rdi, rsi, rdx, r10, r8, r9, rbx: the
 * system-call registers in docs/architecture.md), unless it is suspended
 * meanwhile: then ipc_cancel() makes it re-issue the call when resumed, which
 * needs the capability (rdi) and the info (rsi), and for `call` the message
 * (rdx, r10, r8, r9), but not the number, which ipc_cancel() knows from the
 * state the thread waits in. Those are saved too; rbx, an output only, is not,
 * nor are rdx-r9 for `reply_recv`, whose reply is done by then. A failed guard
 * saves the rest, and the number, for the ordinary path.
 * `send` returns to a sender that keeps its message, and saves it all. No path
 * saves the vector: only x86_return_to_user() reads it, to choose between
 * SYSRET and iretq, and both resume a context saved here.
 *
 * What a path does not check. The partner is blocked in an IPC system call
 * (receiving, or waiting for a call's reply: reply_to is never a thread in a
 * fault, whose reply right is fault_to), so its rip, rflags
 * and rsp are those its SYSCALL saved: rip follows a `syscall` in user
 * memory, so it is canonical; rflags are ring-3 flags, which SYSRET may load
 * as they are; and SYSRET loads rsp without using it in ring 0. Only a fault
 * handler's answer, which the paths refuse, sets them otherwise, and the
 * ordinary path checks those (check_resume()).
 *
 * The message stays where the caller put it: rsi = info, rdx, r10, r8, r9 =
 * MR0-MR3 go back to user mode in the same registers, rdi becomes ERR_OK and
 * rbx the badge; longer messages (up to FASTPATH_MAX_WORDS) copy MR4 onwards
 * between the IPC buffers. The partner's kept registers come from its context.
 *
 * docs/profiling.md counts every block's instructions; keep it in step.
 */
#include <tessera/abi.h>
#include <arch/fastpath.h>
#include <spec_limits.h>               /* SPEC_BUDGETS */

        .text

#include "switch.inc"                   /* REQUEUE_HEAD, SWITCH_AND_RETURN: irqfast.S's too */

/* [entry] A fast path's: rax (the call number, known here) = the caller's
 * frame end, from TSS.RSP0, the base of every F() below; rsp, rip and
 * rflags into the context. From here rsp is a free register; the ordinary
 * path takes the frame in rsp (fast_slow). */
.macro FAST_ENTRY
        movq    x86_tss+4(%rip), %rax
        movq    %rsp, F(CTX_RSP)(%rax)
        movq    %rcx, F(CTX_RIP)(%rax)
        movq    %r11, F(CTX_RFLAGS)(%rax)
.endm

/* [save] What the caller keeps across any system call, into its context (rip,
 * rflags and rsp are already there). */
.macro SAVE_KEPT
        movq    %rbp, F(CTX_RBP)(%rax)
        movq    %r12, F(CTX_R12)(%rax)
        movq    %r13, F(CTX_R13)(%rax)
        movq    %r14, F(CTX_R14)(%rax)
        movq    %r15, F(CTX_R15)(%rax)
.endm

/* ... what re-issuing the call takes besides the message and the number
 * (which ipc_cancel() knows from the state it blocked in): the capability and
 * the message info ... */
.macro SAVE_RESTART
        movq    %rdi, F(CTX_RDI)(%rax)
        movq    %rsi, F(CTX_RSI)(%rax)
.endm

/* ... MR0-MR3 ... */
.macro SAVE_MRS
        movq    %rdx, F(CTX_RDX)(%rax)
        movq    %r10, F(CTX_R10)(%rax)
        movq    %r8, F(CTX_R8)(%rax)
        movq    %r9, F(CTX_R9)(%rax)
.endm

/* ... and the badge register, the last. */
.macro SAVE_BADGE
        movq    %rbx, F(CTX_RBX)(%rax)
.endm

/* [entry] A message of at most MSG_REGISTER_WORDS words without the
 * notification flag (info's low byte: length | flag << 7) takes the path
 * below; any other, `\long`. */
.macro SHORT_MESSAGE long
        cmpb    $MSG_REGISTER_WORDS, %sil
        ja      \long
.endm

/* [entry] ... of at most FASTPATH_MAX_WORDS words. */
.macro LONG_MESSAGE slow
        movl    %esi, %ecx
        andl    $MSG_LENGTH_MASK, %ecx
        cmpl    $FASTPATH_MAX_WORDS, %ecx
        ja      \slow
.endm

/* [cap] rdi names an endpoint capability with every right in `rights`:
 * r11 + 8 rdi = the capability, rbp = the endpoint's offset in endpoints[].
 * `usual` are the rights such a capability mostly has (the generator's for
 * CAmkES's connectors), which one compare finds. */
.macro ENDPOINT_CAP rights, usual, slow
        OBJECT_CAP OBJ_ENDPOINT, \rights, \usual, EP_SIZE_SHIFT, \slow
.endm

/* ... the same for an object of `type`, each 1 << `shift` bytes, through the
 * caller's copies of its address space's table and size (the size 0 if the
 * address space holds I/O ports: then every fast path falls back). One load
 * brings type, rights and object; a capability with exactly the `usual`
 * rights passes one compare, and the object's offset is that word shifted
 * right, with the rights' top bits below the offset's (CAP_RESIDUE: none for
 * an endpoint's usual rights; cleared for others). Any other rights are
 * tested out of line, masked with the `rights` wanted, and continue as if
 * they were the usual ones. Uses r12. */
.macro OBJECT_CAP type, rights, usual, shift, slow
        cmpq    F(CTX_NCAPS)(%rax), %rdi
        jae     \slow
        movq    F(CTX_CAPS)(%rax), %r11
        movl    (%r11,%rdi,8), %ebp             /* type | rights << 8 | object << 16 */
        cmpw    $CAP_CHECK_WANT(\type, \usual), %bp
        jne     80f
81:     shrl    $(16 - \shift), %ebp
.if CAP_RESIDUE(\type, \usual, \shift)
        andl    $-(1 << \shift), %ebp
.endif
        .subsection 1
80:     movl    %ebp, %r12d                     /* every right wanted, and others? */
        andl    $CAP_CHECK_MASK(\rights), %r12d
        cmpl    $CAP_CHECK_WANT(\type, \rights), %r12d
        jne     \slow
        andl    $0xffff0000, %ebp               /* the object, with the rights */
        orl     $CAP_CHECK_WANT(\type, \usual), %ebp  /* the exact test wanted */
        jmp     81b
        .subsection 0
.endm

/* [partner] r13 = the receiver waiting on the endpoint. */
.macro RECEIVER slow
        movq    endpoints+EP_RECV_HEAD(%rbp), %r13
        testq   %r13, %r13
        jz      \slow                           /* nobody waiting: the caller blocks */
.endm

/* [commit] tq_pop() of r13, the head of the queue at `head`(%rbp), as far as
 * the queue's rules need it (kernel/thread.h): the queue's head is its
 * successor. An emptied queue's tail and r13's queue_next and blocked_on are
 * left as they were; nothing reads them until r13 is queued again. */
.macro TAKE_RECEIVER head=endpoints+EP_RECV_HEAD
        movq    T_QUEUE_NEXT(%r13), %r15
        movq    %r15, \head(%rbp)
.endm

/* [copy] MR4 onwards (the length is in rsi) from the IPC buffer of the thread
 * at rsp to that of r13, through the four registers given. */
.macro COPY_WORDS src, dst, n, tmp
        movq    %rsi, \n
        andq    $MSG_LENGTH_MASK, \n
        movq    F(T_IPC_BUFFER)(%rax), \src
        movq    T_IPC_BUFFER(%r13), \dst
        leaq    (\src,\n,8), \src               /* just past the last word */
        leaq    (\dst,\n,8), \dst
        subq    $MSG_REGISTER_WORDS, \n
        jbe     2f                              /* a short message with the notification flag */
        negq    \n
1:      movq    (\src,\n,8), \tmp
        movq    \tmp, (\dst,\n,8)
        incq    \n
        jnz     1b
2:
.endm

/* SYSCALL: rcx = user rip, r11 = user rflags, interrupts off (FMASK), still on
 * the user's stack. [entry] dispatches on rax first, touching no memory: the
 * four IPC calls to their fast paths, everything else to the ordinary path.
 * TSS.RSP0 is the current thread's frame end; the kernel never uses it while
 * it runs (a trap in ring 0 does not switch stacks), so the ordinary path's
 * one xchg gives it that stack and parks the user's rsp there until it is
 * saved; a fast path loads it into rax (FAST_ENTRY), whose value it knows. */
        .global x86_syscall_entry
x86_syscall_entry:
#ifndef SPEC_BUDGETS                    /* budgets: schedule() charges every switch */
        cmpq    $SYS_CALL, %rax
        je      x86_fastpath_call
        cmpq    $SYS_REPLY_RECV, %rax
        je      x86_fastpath_reply_recv
        cmpq    $SYS_SEND, %rax
        je      x86_fastpath_send
        cmpq    $SYS_SIGNAL, %rax
        je      x86_fastpath_signal
#endif
        xchgq   %rsp, x86_tss+4(%rip)
        movq    %rcx, F(CTX_RIP)(%rsp)
        movq    %r11, F(CTX_RFLAGS)(%rsp)
        movq    x86_tss+4(%rip), %r11
        movq    %r11, F(CTX_RSP)(%rsp)
        movq    %rbp, F(CTX_RBP)(%rsp)
        movq    %r12, F(CTX_R12)(%rsp)
        movq    %r13, F(CTX_R13)(%rsp)
        movq    %r14, F(CTX_R14)(%rsp)
        movq    %r15, F(CTX_R15)(%rsp)
        movq    %rax, F(CTX_RAX)(%rsp)
        movq    %rdi, F(CTX_RDI)(%rsp)
        movq    %rsi, F(CTX_RSI)(%rsp)
        movq    %rdx, F(CTX_RDX)(%rsp)
        movq    %r10, F(CTX_R10)(%rsp)
        movq    %r8, F(CTX_R8)(%rsp)
        movq    %r9, F(CTX_R9)(%rsp)
        movq    %rbx, F(CTX_RBX)(%rsp)

/* The ordinary path: the rest of the frame the trap entry would have built
 * (SYSCALL's rcx and r11 are the return rip and rflags), then
 * kernel_syscall() on the kernel stack. A fast path whose guard fails comes
 * here with its caller's registers saved. */
x86_syscall_slow:
        movq    $VECTOR_SYSCALL, F(CTX_VECTOR)(%rsp)
        movq    $USER_DS, F(CTX_SS)(%rsp)
        movq    $USER_CS, F(CTX_CS)(%rsp)
        movq    $0, F(CTX_ERROR)(%rsp)
        movq    F(CTX_RIP)(%rsp), %rcx
        movq    %rcx, F(CTX_RCX)(%rsp)
        movq    F(CTX_RFLAGS)(%rsp), %r11
        movq    %r11, F(CTX_R11)(%rsp)
        leaq    F(0)(%rsp), %rcx
        movq    %rcx, current(%rip)             /* the thread that runs (fast paths do not store it) */
        movq    $kernel_stack_top, %rsp
        call    kernel_syscall                  /* does not return */

/* A failed guard: what the path has not saved, the call number last; then
 * the frame into rsp, as the ordinary path has it. */
reply_recv_slow:
        SAVE_MRS
        SAVE_BADGE
        movq    $SYS_REPLY_RECV, F(CTX_RAX)(%rax)
        jmp     fast_slow
call_slow:
        SAVE_BADGE
        movq    $SYS_CALL, F(CTX_RAX)(%rax)
        jmp     fast_slow
send_slow:
        movq    $SYS_SEND, F(CTX_RAX)(%rax)
        jmp     fast_slow
signal_slow:
        movq    $SYS_SIGNAL, F(CTX_RAX)(%rax)
fast_slow:
        movq    %rax, %rsp
        jmp     x86_syscall_slow

/* call: hand the message to the receiver waiting on the endpoint, give it the
 * reply right, block for the reply. The receiver runs next, as schedule()
 * would pick it: it is above the caller, so above every queued thread (S2),
 * or at the caller's level with nothing queued there. No run queue changes
 * (S1): the caller leaves the CPU blocked, the receiver takes it. */
.macro CALL_PATH long
        ENDPOINT_CAP (RIGHT_SEND | RIGHT_GRANT), (RIGHT_SEND | RIGHT_GRANT), call_slow
        RECEIVER call_slow
        movzbl  T_PRIORITY(%r13), %ecx          /* [sched] p */
        cmpb    F(T_PRIORITY)(%rax), %cl        /* q */
        jbe     84f                             /* not above the caller: out of line */
83:     movl    CAP_BADGE(%r11,%rdi,8), %ebx    /* [commit] the message: badge, */
.if \long
        andq    $~MSG_NOTIFICATION_FLAG, %rsi   /* info as transfer() has it */
.endif
        xorl    %edi, %edi                      /* ERR_OK */
        TAKE_RECEIVER
        leaq    F(0)(%rax), %r15
        movq    %r15, T_REPLY_TO(%r13)          /* the one-shot reply right */
.if \long
        COPY_WORDS %r11, %r12, %rbp, %r15
.endif
        movl    $TS_BLOCKED_REPLY, F(T_STATE)(%rax)     /* [block] the caller */
        movl    $TS_RUNNABLE, T_STATE(%r13)     /* [wake] the receiver */
        SWITCH_AND_RETURN
        .subsection 1
84:     jb      call_slow                       /* below the caller: schedule() decides */
        shll    $SS_QUEUE_SHIFT, %ecx           /* p == q: only if no other thread */
        cmpq    $0, sched_state(%rcx)           /* is queued at that level */
        je      83b
        jmp     call_slow
        .subsection 0
.endm

        .global x86_fastpath_call
x86_fastpath_call:
        FAST_ENTRY
        SAVE_KEPT
        SAVE_RESTART
        SAVE_MRS
        SHORT_MESSAGE call_long
        CALL_PATH 0
call_long:
        LONG_MESSAGE call_slow
        CALL_PATH 1

/* reply_recv: reply to the caller, which runs next, and wait on the endpoint.
 * Only when an ordinary reply right is held (reply_to: a fault's is in
 * fault_to), no sender is queued and no bound notification bit is pending
 * (either ends the receive at once), and no thread is queued at the caller's
 * priority or above (sched_state.top), so that schedule() would pick the
 * caller: one at a lower priority leaves the fast path to it. No run queue
 * changes (S1). */
.macro REPLY_RECV_PATH long
        ENDPOINT_CAP RIGHT_RECEIVE, RIGHT_RECEIVE, reply_recv_slow
        movq    F(T_REPLY_TO)(%rax), %r13       /* [partner] the caller */
        testq   %r13, %r13
        jz      reply_recv_slow                 /* no ordinary reply right: the ordinary path */
        cmpq    $0, endpoints+EP_SEND_HEAD(%rbp)
        jne     reply_recv_slow                 /* a sender is waiting to be received */
        movq    F(T_BOUND)(%rax), %rcx
        testq   %rcx, %rcx
        jz      1f
        cmpl    $0, NTFN_WORD(%rcx)
        jne     reply_recv_slow                 /* pending bits end the receive */
1:      movzbl  T_PRIORITY(%r13), %ecx          /* [sched] p */
        cmpl    sched_state+SS_TOP(%rip), %ecx
        jb      reply_recv_slow                 /* a queued thread at p or above runs first */

        xorl    %edi, %edi                      /* [commit] ERR_OK; */
        movl    $TS_BLOCKED_RECV, F(T_STATE)(%rax)  /* the replier waits on the endpoint */
        movq    %rdi, F(T_REPLY_TO)(%rax)       /* the reply right is used up */
        leaq    endpoints(%rbp), %rcx
        movq    %rcx, F(T_BLOCKED_ON)(%rax)     /* tq_push onto the receivers */
        leaq    F(0)(%rax), %rbx
        movq    %rdi, F(T_QUEUE_NEXT)(%rax)
        cmpq    %rdi, endpoints+EP_RECV_HEAD(%rbp)
        jne     78f
        movq    %rbx, endpoints+EP_RECV_HEAD(%rbp)
79:     movq    %rbx, endpoints+EP_RECV_TAIL(%rbp)
        .subsection 1
78:     movq    endpoints+EP_RECV_TAIL(%rbp), %r15  /* out of line: behind other receivers */
        movq    %rbx, T_QUEUE_NEXT(%r15)
        jmp     79b
        .subsection 0
.if \long
        andq    $~MSG_NOTIFICATION_FLAG, %rsi   /* the message: info as transfer() has it, */
        COPY_WORDS %rcx, %r15, %rbp, %rbx
.endif
        xorl    %ebx, %ebx                      /* badge 0 for a reply */
        movl    $TS_RUNNABLE, T_STATE(%r13)     /* [wake] the caller */
        SWITCH_AND_RETURN
.endm

        .global x86_fastpath_reply_recv
x86_fastpath_reply_recv:
        FAST_ENTRY
        SAVE_KEPT
        SAVE_RESTART
        SHORT_MESSAGE reply_recv_long
        REPLY_RECV_PATH 0
reply_recv_long:
        LONG_MESSAGE reply_recv_slow
        REPLY_RECV_PATH 1

/* send: hand the message to a waiting receiver above the sender, which runs
 * next; the sender stays runnable, with ERR_OK and its message, and, no
 * longer running, rejoins its level at the head (where schedule() would put
 * it back, S1). */
.macro SEND_PATH long
        ENDPOINT_CAP RIGHT_SEND, (RIGHT_SEND | RIGHT_GRANT), send_slow
        RECEIVER send_slow
        movzbl  T_PRIORITY(%r13), %ecx          /* [sched] p */
        cmpb    F(T_PRIORITY)(%rax), %cl
        jbe     send_slow                       /* the sender keeps the CPU */

        movl    CAP_BADGE(%r11,%rdi,8), %ebx    /* [commit] the message */
.if \long
        andq    $~MSG_NOTIFICATION_FLAG, %rsi
.endif
        xorl    %edi, %edi
        movq    %rdi, F(CTX_RDI)(%rax)          /* the sender's rdi: ERR_OK */
        TAKE_RECEIVER
.if \long
        COPY_WORDS %r11, %r12, %rbp, %r15
.endif
        REQUEUE_HEAD                            /* [requeue] the sender */
        movl    $TS_RUNNABLE, T_STATE(%r13)     /* [wake] the receiver */
        SWITCH_AND_RETURN
.endm

        .global x86_fastpath_send
x86_fastpath_send:
        FAST_ENTRY
        SAVE_KEPT
        SAVE_RESTART
        SAVE_MRS
        SAVE_BADGE
        SHORT_MESSAGE send_long
        SEND_PATH 0
send_long:
        LONG_MESSAGE send_slow
        SEND_PATH 1

/* signal: a thread waiting on the notification above the signaller takes
 * the word with the badge or'd in (rdi = ERR_OK, rsi = the notification
 * flag, rbx = the bits, its other registers as it waited) and runs next; the
 * word is then 0. The signaller stays runnable with ERR_OK and every register
 * it had, and rejoins its level at the head, as for send. A waiter at or below
 * the signaller, or none, is the ordinary path's. */
        .global x86_fastpath_signal
x86_fastpath_signal:
        FAST_ENTRY
        SAVE_KEPT
        SAVE_RESTART
        SAVE_MRS
        SAVE_BADGE
        OBJECT_CAP OBJ_NOTIFICATION, RIGHT_SIGNAL, RIGHT_SIGNAL, NTFN_SIZE_SHIFT, signal_slow
        movq    notifications+NTFN_WAIT_HEAD(%rbp), %r13    /* [partner] the first waiter */
        testq   %r13, %r13
        jz      signal_slow
        movzbl  T_PRIORITY(%r13), %ecx          /* [sched] p */
        cmpb    F(T_PRIORITY)(%rax), %cl
        jbe     signal_slow                     /* the signaller keeps the CPU */

        movl    CAP_BADGE(%r11,%rdi,8), %ebx    /* [commit] the bits: the badge */
        orl     notifications+NTFN_WORD(%rbp), %ebx     /* with the word or'd in, */
        xorl    %edi, %edi
        movl    %edi, notifications+NTFN_WORD(%rbp)     /* which is taken */
        movq    %rdi, F(CTX_RDI)(%rax)          /* the signaller's rdi: ERR_OK */
        TAKE_RECEIVER notifications+NTFN_WAIT_HEAD
        movl    $MSG_NOTIFICATION_FLAG, %esi
        movq    CTX_RDX(%r13), %rdx             /* the waiter's message registers */
        movq    CTX_R10(%r13), %r10             /* as it left them */
        movq    CTX_R8(%r13), %r8
        movq    CTX_R9(%r13), %r9
        REQUEUE_HEAD                            /* [requeue] the signaller */
        movl    $TS_RUNNABLE, T_STATE(%r13)     /* [wake] the waiter */
        SWITCH_AND_RETURN

        .section .note.GNU-stack, "", @progbits
