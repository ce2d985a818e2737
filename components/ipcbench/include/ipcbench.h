/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * The IPC benchmark's shared protocol and its one measuring primitive.
 *
 * A figure is measured the way sel4bench measures it: the sending side reads
 * the cycle counter right before its system call and the receiving side right
 * after its own system call returns, so a figure is the kernel's path plus the
 * trap in and out. The first read travels to the receiver in MR0, which the
 * kernel carries in a register with every IPC whatever the message's length,
 * so the receiver learns when the sender started without a shared page.
 *
 * The counter is tessera_cycles() (PMCCNTR on ARM, the TSC on x86_64); only
 * bench_syscall() below has an ARM-specific form, and the rest of the
 * benchmark uses the portable tessera_* calls.
 */
#ifndef IPCBENCH_H
#define IPCBENCH_H

#include <stdint.h>
#include <tessera.h>

#define BENCH_WARMUP  16           /* samples taken and thrown away first */
#define BENCH_SAMPLES 1000         /* samples per figure */

/* Labels of the runner -> server messages (endpoint `ipc`). */
enum {
    SRV_ECHO = 1,                  /* reply with the same length: MR0 = the server's start
                                    * count, MR1 = the call's one-way figure, MR2 = the
                                    * caller's start count */
    SRV_SEND,                      /* a one-way send: the server keeps its figure */
    SRV_LAST,                      /* reply MR0 = the figure of the last SRV_SEND */
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
 * the cycle counter: the first goes into MR0 right before the system call (so
 * MR0 of m is not sent), the second is taken right after it returns and is
 * returned. On return m holds the reply or the received message; for a call
 * that sends nothing back (yield, signal) m->mr[0] still holds the first read.
 *
 * On ARM the two reads sit right against the `svc`, in one asm statement, so
 * that a figure is exactly the kernel's instructions plus the `svc` and the
 * first read (docs/profiling.md). Elsewhere the same is written with
 * tessera_cycles() and tessera_syscall_msg(), and the compiler's moves around
 * the call land in the window. */
#if defined(__arm__)
static inline uint32_t bench_syscall(uintptr_t n, unsigned cap, tessera_msg_t *m)
{
    register uintptr_t r0 __asm__("r0") = cap;
    register uintptr_t r1 __asm__("r1") = m->info;
    register uintptr_t r2 __asm__("r2");
    register uintptr_t r3 __asm__("r3") = m->mr[1];
    register uintptr_t r4 __asm__("r4") = m->mr[2];
    register uintptr_t r5 __asm__("r5") = m->mr[3];
    register uintptr_t r6 __asm__("r6") = m->badge;
    register uintptr_t r7 __asm__("r7") = n;
    uint32_t after;

    __asm__ volatile("mrc p15, 0, r2, c9, c13, 0\n\t"
                     "svc #0\n\t"
                     "mrc p15, 0, %[after], c9, c13, 0"
                     : "+r"(r0), "+r"(r1), "=&r"(r2), "+r"(r3), "+r"(r4), "+r"(r5), "+r"(r6),
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
#else
static inline uint32_t bench_syscall(uintptr_t n, unsigned cap, tessera_msg_t *m)
{
    m->mr[0] = tessera_cycles();
    (void)tessera_syscall_msg(n, cap, m);
    return tessera_cycles();
}
#endif

#endif
