/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * The IPC benchmark's shared protocol and its one measuring primitive.
 *
 * A figure is measured the way sel4bench measures it: the sending side reads
 * the cycle counter right before its system call and the receiving side right
 * after its own system call returns, so a figure is the kernel's path plus the
 * trap in and out. The first read travels to the receiver in MR1
 * (BENCH_STAMP), which the kernel carries in a register with every IPC
 * whatever the message's length, so the receiver learns when the sender
 * started without a shared page. MR1, not MR0: on x86_64 MR0 is rdx, which
 * rdtsc overwrites, and a move on either side would be in the figure.
 *
 * The counter is tessera_cycles() (PMCCNTR on ARM, the TSC on x86_64); only
 * bench_syscall() below has a form per architecture, and the rest of the
 * benchmark uses the portable tessera_* calls.
 */
#ifndef IPCBENCH_H
#define IPCBENCH_H

#include <stdint.h>
#include <tessera.h>

#define BENCH_WARMUP  16           /* samples taken and thrown away first */
#define BENCH_SAMPLES 1000         /* samples per figure */
#define BENCH_STAMP   1            /* the message register with the sender's first read */

/* Labels of the messages to a server loop, bench_serve() below: the runner's
 * to BenchServer (endpoint `ipc`) and to its own second thread (`local`). */
enum {
    SRV_ECHO = 1,                  /* reply with the same length: MR1 = the server's start
                                    * count, MR2 = the call's one-way figure, MR3 = the
                                    * caller's start count */
    SRV_SEND,                      /* a one-way send: the server keeps its figure */
    SRV_LAST,                      /* reply MR2 = the figure of the last SRV_SEND */
    SRV_QUIT,                      /* reply, then end */
};

/* Labels of the runner's replies to the waiter (endpoint `result`). */
enum {
    WAITER_READY = 1,              /* waiter -> runner: ready for an order */
    WAITER_NTFN,                   /* wait once on the `kick` notification */
    WAITER_TIMER,                  /* wait once for the periodic timer (armed on first use) */
    WAITER_STOP_TIMER,             /* cancel the timer */
    WAITER_QUIT,                   /* end */
};

#define WAITER_TIMER_PERIOD_US 1000

/* System call `n` on `cap` with the message in m, bracketed by two reads of
 * the cycle counter: the first goes into MR1 (BENCH_STAMP) right before the
 * system call (so MR1 of m is not sent), the second is taken right after it
 * returns and is returned. On return m holds the reply or the received
 * message, but for MR0 on x86_64 (0: rdtsc overwrites rdx); for a call that
 * sends nothing back (yield, signal) m->mr[BENCH_STAMP] still holds the first
 * read.
 *
 * The two reads sit right against the trap, in one asm statement, so that a
 * figure is the kernel's instructions plus the trap and what the counter needs
 * around it (docs/profiling.md): on ARM nothing, on x86_64 two moves, as
 * rdtsc writes edx:eax and the number travels in rax. Any other architecture
 * gets the same from tessera_cycles() and tessera_syscall_msg(), with the
 * compiler's moves around the call in the window. */
#if defined(__arm__)
static inline uint32_t bench_syscall(uintptr_t n, unsigned cap, tessera_msg_t *m)
{
    register uintptr_t r0 __asm__("r0") = cap;
    register uintptr_t r1 __asm__("r1") = m->info;
    register uintptr_t r2 __asm__("r2") = m->mr[0];
    register uintptr_t r3 __asm__("r3");
    register uintptr_t r4 __asm__("r4") = m->mr[2];
    register uintptr_t r5 __asm__("r5") = m->mr[3];
    register uintptr_t r6 __asm__("r6") = m->badge;
    register uintptr_t r7 __asm__("r7") = n;
    uint32_t after;

    __asm__ volatile("mrc p15, 0, r3, c9, c13, 0\n\t"     /* MR1: the first read */
                     "svc #0\n\t"
                     "mrc p15, 0, %[after], c9, c13, 0"
                     : "+r"(r0), "+r"(r1), "+r"(r2), "=&r"(r3), "+r"(r4), "+r"(r5), "+r"(r6),
                       [after] "=&r"(after)
                     : "r"(r7)
                     : "memory");
    m->info = r1;
    m->mr[0] = r2;
    m->mr[1] = r3;
    m->mr[2] = r4;
    m->mr[3] = r5;
    m->badge = r6;
    return after;
}
#elif defined(__x86_64__)
static inline uint32_t bench_syscall(uintptr_t n, unsigned cap, tessera_msg_t *m)
{
    uintptr_t rdi = cap, rsi = m->info, rbx = m->badge, rax, rdx = m->mr[0];
    register uintptr_t r10 __asm__("r10");
    register uintptr_t r8 __asm__("r8") = m->mr[2];
    register uintptr_t r9 __asm__("r9") = m->mr[3];

    /* rdx is an input (MR0) that the first rdtsc overwrites before the call
     * is made, so MR0 is not sent either on x86_64. */
    __asm__ volatile("rdtsc\n\t"
                     "movl %%eax, %%r10d\n\t"          /* MR1: the first read */
                     "movq %[n], %%rax\n\t"
                     "syscall\n\t"
                     "rdtsc"
                     : "+D"(rdi), "+S"(rsi), "=&r"(r10), "+r"(r8), "+r"(r9), "+b"(rbx), "=&a"(rax),
                       "+d"(rdx)
                     : [n] "r"(n)
                     : "rcx", "r11", "memory");
    (void)rdx;
    m->info = rsi;
    m->mr[0] = 0;
    m->mr[1] = r10;
    m->mr[2] = r8;
    m->mr[3] = r9;
    m->badge = rbx;
    return (uint32_t)rax;
}
#else
static inline uint32_t bench_syscall(uintptr_t n, unsigned cap, tessera_msg_t *m)
{
    m->mr[BENCH_STAMP] = tessera_cycles();
    (void)tessera_syscall_msg(n, cap, m);
    return tessera_cycles();
}
#endif

/* The server's end of call, reply_recv and send, receiving on `cap`: BenchServer's
 * control thread for the figures between address spaces, the runner's second
 * thread for the intra_* ones, so that both are the same code. For SRV_ECHO it
 * measures the call's one-way figure (from the caller's count in MR0 to its
 * own count right after the receive returned) and hands it back in the reply,
 * whose MR0 is its own count right before the reply_recv, for the caller to
 * measure the reply's way. Returns 0 after SRV_QUIT, 1 after a label it does
 * not know (both replied to). */
static inline int bench_serve(unsigned cap)
{
    tessera_msg_t m = { 0 };
    uint32_t last_send = 0;
    uint32_t now;

    m.info = MSG_INFO(0, 0);
    now = bench_syscall(SYS_RECV, cap, &m);
    for (;;) {
        uintptr_t started = m.mr[BENCH_STAMP];
        unsigned len = MSG_LENGTH(m.info);

        switch (MSG_LABEL(m.info)) {
        case SRV_ECHO:
            m.info = MSG_INFO(SRV_ECHO, len);
            m.mr[2] = now - started;
            m.mr[3] = started;
            now = bench_syscall(SYS_REPLY_RECV, cap, &m);
            break;
        case SRV_SEND:
            last_send = now - started;
            m.info = MSG_INFO(0, 0);
            now = bench_syscall(SYS_RECV, cap, &m);
            break;
        case SRV_LAST:
            m.info = MSG_INFO(SRV_LAST, 3);
            m.mr[2] = last_send;
            now = bench_syscall(SYS_REPLY_RECV, cap, &m);
            break;
        case SRV_QUIT:
            m.info = MSG_INFO(SRV_QUIT, 0);
            tessera_reply(&m);
            return 0;
        default:
            m.info = MSG_INFO(0xbad, 0);
            tessera_reply(&m);
            return 1;
        }
    }
}

#endif
