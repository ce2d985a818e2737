/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * The IPC fast paths on x86_64: `call`, `reply_recv` and `send` in their
 * common case, as straight-line code that hands the CPU from the calling
 * thread to its partner without the general dispatch and without schedule().
 *
 * The SYSCALL entry (entry.S) comes here by system-call number with rsp at the
 * caller's frame end (thread + CTX_FRAME_END; F() turns a thread offset into
 * one from rsp), its rip, rflags, rsp and vector saved, and every other
 * register still the caller's. Each path first saves the 13 registers a
 * thread keeps across a system call (the caller is switched away from
 * whatever happens), then checks its guards; the first that fails jumps to
 * x86_syscall_slow, the ordinary path, before anything has changed, and that
 * path then does the whole call. Past the guards the path commits: it leaves
 * the threads, queues and registers exactly as kernel/ipc.c, kernel/sched.c
 * and arch_enter_user() would, with two shortcuts that only skip stores of
 * values already there: a thread that is in no run queue has next == NULL,
 * and a thread's slice_left is only 0 when its time slice is 0, so
 * thread_wake()'s refill never changes it.
 *
 * The message stays where the caller put it: rsi = info, rdx, r10, r8, r9 =
 * MR0-MR3 go back to user mode in the same registers, rdi becomes ERR_OK and
 * rbx the badge; longer messages (up to FASTPATH_MAX_WORDS) copy MR4 onwards
 * between the IPC buffers. The partner's other registers come from its saved
 * context.
 *
 * docs/profiling.md counts every block's instructions; keep it in step.
 */
#include <tessera/abi.h>
#include <arch/fastpath.h>

        .text

#define SLOW x86_syscall_slow

/* [save] The registers a thread keeps across a system call, into its context
 * (rip, rflags, rsp and the vector are already there). */
.macro SAVE_GPRS
        movq    %rax, F(CTX_RAX)(%rsp)
        movq    %rbx, F(CTX_RBX)(%rsp)
        movq    %rdx, F(CTX_RDX)(%rsp)
        movq    %rsi, F(CTX_RSI)(%rsp)
        movq    %rdi, F(CTX_RDI)(%rsp)
        movq    %rbp, F(CTX_RBP)(%rsp)
        movq    %r8, F(CTX_R8)(%rsp)
        movq    %r9, F(CTX_R9)(%rsp)
        movq    %r10, F(CTX_R10)(%rsp)
        movq    %r12, F(CTX_R12)(%rsp)
        movq    %r13, F(CTX_R13)(%rsp)
        movq    %r14, F(CTX_R14)(%rsp)
        movq    %r15, F(CTX_R15)(%rsp)
.endm

/* [entry] A message of at most MSG_REGISTER_WORDS words without the
 * notification flag takes the path below; any other, `\long`. */
.macro SHORT_MESSAGE long
        movzbl  %sil, %ecx                      /* length | notification flag << 7 */
        cmpl    $MSG_REGISTER_WORDS, %ecx
        ja      \long
.endm

/* [entry] ... of at most FASTPATH_MAX_WORDS words. */
.macro LONG_MESSAGE
        movl    %esi, %ecx
        andl    $MSG_LENGTH_MASK, %ecx
        cmpl    $FASTPATH_MAX_WORDS, %ecx
        ja      SLOW
.endm

/* [cap] rdi names an endpoint capability with every right in `rights`:
 * r12 = the caller's address space, r11 + 8 rdi = the capability,
 * rbp = the endpoint's offset in endpoints[]. */
.macro ENDPOINT_CAP rights
        movq    F(T_VS)(%rsp), %r12
        movq    VS_SPEC(%r12), %r11
        movl    SV_NCAPS(%r11), %eax
        cmpq    %rax, %rdi
        jae     SLOW
        movq    SV_CAPS(%r11), %r11
        movzwl  (%r11,%rdi,8), %eax             /* type | rights << 8 */
        andl    $CAP_CHECK_MASK(\rights), %eax
        cmpl    $CAP_CHECK_WANT(\rights), %eax
        jne     SLOW
        movzwl  CAP_OBJECT(%r11,%rdi,8), %ebp
        shll    $EP_SIZE_SHIFT, %ebp
.endm

/* [partner] r13 = the receiver waiting on the endpoint. */
.macro RECEIVER
        movq    endpoints+EP_RECV_HEAD(%rbp), %r13
        testq   %r13, %r13
        jz      SLOW                            /* nobody waiting: the caller blocks */
.endm

/* [resume] What arch_enter_user() checks or switches for r13 that a fast path
 * does not: its saved rip and rsp are user ones (else the ordinary path
 * reports a bad resume), neither address space has I/O ports (else the TSS's
 * I/O bitmap may have to change with the address space), and its TLS base is
 * the one loaded. r14 = its address space. Uses r12. */
.macro RESUME_GUARDS
        cmpl    $USER_TOP_HIGH, CTX_RIP+4(%r13)
        ja      SLOW
        cmpl    $USER_TOP_HIGH, CTX_RSP+4(%r13)
        ja      SLOW
        movq    T_VS(%r13), %r14
        movzbl  VS_HAS_PORTS(%r12), %r12d
        orb     VS_HAS_PORTS(%r14), %r12b
        jnz     SLOW
        movq    T_TLS(%r13), %r12
        cmpq    x86_loaded_tls(%rip), %r12
        jne     SLOW
.endm

/* [commit] tq_pop() of r13 from the endpoint's receivers; rdi = 0. Uses r15. */
.macro TAKE_RECEIVER
        movq    T_QUEUE_NEXT(%r13), %r15
        movq    %r15, endpoints+EP_RECV_HEAD(%rbp)
        testq   %r15, %r15
        jnz     1f
        movq    %r15, endpoints+EP_RECV_TAIL(%rbp)
1:      movq    %rdi, T_QUEUE_NEXT(%r13)
        movq    %rdi, T_BLOCKED_ON(%r13)
.endm

/* [copy] MR4 onwards (the length is in rsi) from the IPC buffer of the thread
 * at rsp to that of r13, through the four registers given. */
.macro COPY_WORDS src, dst, n, tmp
        movq    %rsi, \n
        andq    $MSG_LENGTH_MASK, \n
        movq    F(T_IPC_BUFFER)(%rsp), \src
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

/* [wake] thread_wake(r13), whose priority p is in eax and whose level is
 * empty: queue[p] = { r13 }, its bits set. Uses eax and r15. */
.macro WAKE
        movl    $TS_RUNNABLE, T_STATE(%r13)
        leal    (%rax,%rax), %r15d              /* queue[p] is 16 bytes: index 2p, scale 8 */
        movq    %r13, sched_state(,%r15,8)
        movq    %r13, sched_state+8(,%r15,8)
        btsl    %eax, sched_state+SS_BITS(%rip)
        shrl    $5, %eax
        btsl    %eax, sched_state+SS_WORDS(%rip)
.endm

/* [block] thread_block() of the thread at rsp, alone at its level q (in ecx),
 * into `state`: queue[q] emptied, its bit cleared, and its word's bit in
 * level_words if the word empties. Needs rdi = 0; uses ecx and r15. */
.macro BLOCK state
        movl    $\state, F(T_STATE)(%rsp)
        leal    (%rcx,%rcx), %r15d
        movq    %rdi, sched_state(,%r15,8)
        movq    %rdi, sched_state+8(,%r15,8)
        btrl    %ecx, sched_state+SS_BITS(%rip)
        shrl    $5, %ecx
        cmpl    $0, sched_state+SS_BITS(,%rcx,4)
        jne     1f
        btrl    %ecx, sched_state+SS_WORDS(%rip)
1:
.endm

/* [switch] arch_enter_user(r13), whose address space is r14: current, the
 * stack a trap from it saves into, its page tables (CR3: without PCIDs this
 * flushes the TLB), the FPU (owned by the thread switched from), then rax,
 * rbp, r12-r15, rip, rflags and rsp from its context. The message is in
 * rdi, rsi, rdx, r10, r8, r9 and rbx. */
.macro SWITCH_AND_RETURN
        movq    %r13, current(%rip)
        leaq    CTX_FRAME_END(%r13), %rax
        movq    %rax, x86_tss+4(%rip)           /* TSS.RSP0 */
        movq    VS_CR3(%r14), %rax
        movq    %rax, x86_loaded_cr3(%rip)
        movq    %rax, %cr3
        fxsave64 F(CTX_FPU)(%rsp)
        fxrstor64 CTX_FPU(%r13)
        movq    %r13, x86_fpu_owner(%rip)
        movq    CTX_RFLAGS(%r13), %r11
        andl    $USER_RFLAGS, %r11d
        orl     $RFLAGS_FIXED, %r11d
        movq    CTX_RIP(%r13), %rcx
        movq    CTX_RAX(%r13), %rax
        movq    CTX_RBP(%r13), %rbp
        movq    CTX_R12(%r13), %r12
        movq    CTX_R14(%r13), %r14
        movq    CTX_R15(%r13), %r15
        movq    CTX_RSP(%r13), %rsp
        movq    CTX_R13(%r13), %r13
        sysretq
.endm

/* SYSCALL: rcx = user rip, r11 = user rflags, interrupts off (FMASK), still on
 * the user's stack. TSS.RSP0 is the current thread's frame end; the kernel
 * never uses it while it runs (a trap in ring 0 does not switch stacks), so
 * one xchg gives the entry that stack and parks the user's rsp there until
 * it is saved. [entry] then saves rip, rflags, rsp and the vector and
 * dispatches: the three IPC calls to their fast paths, everything else to
 * the ordinary path. */
        .global x86_syscall_entry
x86_syscall_entry:
        xchgq   %rsp, x86_tss+4(%rip)
        movq    %rcx, F(CTX_RIP)(%rsp)
        movq    %r11, F(CTX_RFLAGS)(%rsp)
        movq    x86_tss+4(%rip), %r11
        movq    %r11, F(CTX_RSP)(%rsp)
        movq    $VECTOR_SYSCALL, F(CTX_VECTOR)(%rsp)
        cmpq    $SYS_CALL, %rax
        je      x86_fastpath_call
        cmpq    $SYS_REPLY_RECV, %rax
        je      x86_fastpath_reply_recv
        cmpq    $SYS_SEND, %rax
        je      x86_fastpath_send
        SAVE_GPRS

/* The ordinary path: the rest of the frame the trap entry would have built
 * (SYSCALL's rcx and r11 are the return rip and rflags), then
 * kernel_syscall() on the kernel stack. A fast path whose guard fails comes
 * here with its caller's registers saved. */
x86_syscall_slow:
        movq    $USER_DS, F(CTX_SS)(%rsp)
        movq    $USER_CS, F(CTX_CS)(%rsp)
        movq    $0, F(CTX_ERROR)(%rsp)
        movq    F(CTX_RIP)(%rsp), %rcx
        movq    %rcx, F(CTX_RCX)(%rsp)
        movq    F(CTX_RFLAGS)(%rsp), %r11
        movq    %r11, F(CTX_R11)(%rsp)
        movq    $kernel_stack_top, %rsp
        call    kernel_syscall                  /* does not return */

/* call: hand the message to the receiver waiting on the endpoint, give it the
 * reply right, block for the reply. The receiver runs next: it is above the
 * caller, and the caller is alone at its level. */
.macro CALL_PATH long
        ENDPOINT_CAP (RIGHT_SEND | RIGHT_GRANT)
        RECEIVER
        movzbl  T_PRIORITY(%r13), %eax          /* [sched] p */
        movzbl  F(T_PRIORITY)(%rsp), %ecx       /* q */
        cmpl    %ecx, %eax
        jbe     SLOW                            /* not above the caller: schedule() decides */
        cmpq    $0, F(T_NEXT)(%rsp)
        jne     SLOW                            /* another thread at the caller's level */
        RESUME_GUARDS

        movl    CAP_BADGE(%r11,%rdi,8), %ebx    /* [commit] the message: badge, */
        andq    $~MSG_NOTIFICATION_FLAG, %rsi   /* info as transfer() has it */
        xorl    %edi, %edi                      /* ERR_OK */
        TAKE_RECEIVER
        leaq    F(0)(%rsp), %r15
        movq    %r15, T_REPLY_TO(%r13)          /* the one-shot reply right */
.if \long
        COPY_WORDS %r11, %r12, %rbp, %r15
.endif
        WAKE
        BLOCK   TS_BLOCKED_REPLY
        SWITCH_AND_RETURN
.endm

        .global x86_fastpath_call
x86_fastpath_call:
        SAVE_GPRS
        SHORT_MESSAGE call_long
        CALL_PATH 0
call_long:
        LONG_MESSAGE
        CALL_PATH 1

/* reply_recv: reply to the caller, which runs next, and wait on the endpoint.
 * Only when a reply right is held (not for a fault), no sender is queued and
 * no bound notification bit is pending (either ends the receive at once), the
 * replier is alone at its level, and nothing else would be runnable in the
 * caller's bitmap word or above. */
.macro REPLY_RECV_PATH long
        ENDPOINT_CAP RIGHT_RECEIVE
        movq    F(T_REPLY_TO)(%rsp), %r13       /* [partner] the caller */
        testq   %r13, %r13
        jz      SLOW                            /* no reply right: just a receive */
        cmpb    $0, T_IN_FAULT(%r13)
        jne     SLOW                            /* a fault handler's answer */
        cmpq    $0, endpoints+EP_SEND_HEAD(%rbp)
        jne     SLOW                            /* a sender is waiting to be received */
        movq    F(T_BOUND)(%rsp), %rax
        testq   %rax, %rax
        jz      1f
        cmpl    $0, NTFN_WORD(%rax)
        jne     SLOW                            /* pending bits end the receive */
1:      RESUME_GUARDS
        cmpq    $0, F(T_NEXT)(%rsp)             /* [sched] */
        jne     SLOW                            /* another thread at the replier's level */
        movzbl  F(T_PRIORITY)(%rsp), %r15d      /* q */
        movl    %r15d, %eax
        shrl    $5, %eax                        /* q's bitmap word */
        movl    sched_state+SS_BITS(,%rax,4), %ebx
        btrl    %r15d, %ebx                     /* ... without q */
        movl    sched_state+SS_WORDS(%rip), %r11d
        testl   %ebx, %ebx
        jnz     2f
        btrl    %eax, %r11d                     /* level_words, without q's word if empty */
2:      movzbl  T_PRIORITY(%r13), %r12d         /* p */
        movl    %r12d, %ecx
        shrl    $5, %ecx                        /* p's bitmap word */
        movl    %r11d, %edi
        shrl    %cl, %edi
        testl   %edi, %edi
        jnz     SLOW                            /* something else may run first */

        movl    %ebx, sched_state+SS_BITS(,%rax,4)      /* [commit] the replier leaves its level */
        addl    %r15d, %r15d
        movq    $0, sched_state(,%r15,8)
        movq    $0, sched_state+8(,%r15,8)
        movl    $TS_BLOCKED_RECV, F(T_STATE)(%rsp)
        xorl    %edi, %edi                      /* ERR_OK */
        movq    %rdi, F(T_REPLY_TO)(%rsp)       /* the reply right is used up */
        leaq    endpoints(%rbp), %rax
        movq    %rax, F(T_BLOCKED_ON)(%rsp)     /* tq_push onto the receivers */
        movq    %rdi, F(T_QUEUE_NEXT)(%rsp)
        leaq    F(0)(%rsp), %rbx
        movq    endpoints+EP_RECV_TAIL(%rbp), %r15
        testq   %r15, %r15
        jz      3f
        movq    %rbx, T_QUEUE_NEXT(%r15)
        jmp     4f
3:      movq    %rbx, endpoints+EP_RECV_HEAD(%rbp)
4:      movq    %rbx, endpoints+EP_RECV_TAIL(%rbp)
        andq    $~MSG_NOTIFICATION_FLAG, %rsi   /* the message: info as transfer() has it, */
.if \long
        COPY_WORDS %rax, %r15, %rbp, %rbx
.endif
        xorl    %ebx, %ebx                      /* badge 0 for a reply */

        movl    $TS_RUNNABLE, T_STATE(%r13)     /* [wake] the caller, p in r12 */
        leal    (%r12,%r12), %r15d
        movq    %r13, sched_state(,%r15,8)
        movq    %r13, sched_state+8(,%r15,8)
        btsl    %r12d, sched_state+SS_BITS(%rip)
        btsl    %ecx, %r11d
        movl    %r11d, sched_state+SS_WORDS(%rip)
        SWITCH_AND_RETURN
.endm

        .global x86_fastpath_reply_recv
x86_fastpath_reply_recv:
        SAVE_GPRS
        SHORT_MESSAGE reply_recv_long
        REPLY_RECV_PATH 0
reply_recv_long:
        LONG_MESSAGE
        REPLY_RECV_PATH 1

/* send: hand the message to a waiting receiver above the sender, which runs
 * next; the sender stays runnable, at the head of its level, with ERR_OK. */
.macro SEND_PATH long
        ENDPOINT_CAP RIGHT_SEND
        RECEIVER
        movzbl  T_PRIORITY(%r13), %eax          /* [sched] p */
        cmpb    F(T_PRIORITY)(%rsp), %al
        jbe     SLOW                            /* the sender keeps the CPU */
        RESUME_GUARDS

        movl    CAP_BADGE(%r11,%rdi,8), %ebx    /* [commit] the message */
        andq    $~MSG_NOTIFICATION_FLAG, %rsi
        xorl    %edi, %edi
        movq    %rdi, F(CTX_RDI)(%rsp)          /* the sender's rdi: ERR_OK */
        TAKE_RECEIVER
.if \long
        COPY_WORDS %r11, %r12, %rbp, %r15
.endif
        WAKE
        SWITCH_AND_RETURN
.endm

        .global x86_fastpath_send
x86_fastpath_send:
        SAVE_GPRS
        SHORT_MESSAGE send_long
        SEND_PATH 0
send_long:
        LONG_MESSAGE
        SEND_PATH 1

        .section .note.GNU-stack, "", @progbits
