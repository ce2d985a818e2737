// SPDX-License-Identifier: BSD-2-Clause
/*
 * The kernel-test runner. Each test prints `TEST <ID> ok` or `TEST <ID> FAIL:
 * <what>`; the last line counts them and run() returns the number failed.
 * IDs are stable: tests/system/test_kernel.py expects every one of them.
 */
#include <stdint.h>
#include <stdio.h>
#include <camkes.h>

static int passed, failed;
static const char *failure;

#define EXPECT(cond) do { if (!(cond) && failure == NULL) failure = #cond; } while (0)

/* FLT0002 resumes the crasher after its faulting load, one instruction: every
 * ARM instruction is 4 bytes; on x86_64 GCC encodes `*(volatile uint32_t *)
 * 0x00300000` as `mov 0x300000, %eax`, 7 bytes. */
#if defined(__x86_64__)
#define LOAD_LENGTH 7
#else
#define LOAD_LENGTH 4
#endif

/* FLT0005: the crasher's load from the top of its address space (crasher.c),
 * reported whole: above 4 GiB on x86_64. Its load is `movl (%rdi), %eax`, 2
 * bytes, on x86_64 and an `ldr`, 4 bytes, on ARM. */
#if defined(__x86_64__)
#define FAR_ADDRESS 0x00007ffffffff000ul
#define FAR_LOAD_LENGTH 2
#else
#define FAR_ADDRESS 0xfffff000u
#define FAR_LOAD_LENGTH 4
#endif

static void report(const char *id)
{
    if (failure == NULL) {
        printf("TEST %s ok\n", id);
        passed++;
    } else {
        printf("TEST %s FAIL: %s\n", id, failure);
        failed++;
    }
    failure = NULL;
}

static long call(uintptr_t label, unsigned len, tessera_msg_t *m)
{
    m->info = MSG_INFO(label, len);
    return tessera_call(CAP_e, m);
}

static void ipc_tests(void)
{
    tessera_msg_t m = { .mr = { 1, 2, 3, 4 } };
    EXPECT(call(1, 4, &m) == ERR_OK);                   /* IPC0001: call and reply */
    EXPECT(MSG_LABEL(m.info) == 1 && MSG_LENGTH(m.info) == 2 && m.mr[0] == 10);
    report("IPC0001");

    EXPECT(m.mr[1] == 1);                               /* IPC0002: the server saw badge 1 */
    report("IPC0002");

    uintptr_t *buf = tessera_ipc_buffer();              /* IPC0003: 120 words */
    m = (tessera_msg_t){ .mr = { 100, 101, 102, 103 } };
    for (unsigned i = 4; i < MSG_MAX_WORDS; i++)
        buf[i] = 100 + i;
    EXPECT(call(2, MSG_MAX_WORDS, &m) == ERR_OK);
    EXPECT(MSG_LENGTH(m.info) == MSG_MAX_WORDS && m.mr[0] == 101 && m.mr[3] == 104);
    for (unsigned i = 4; i < MSG_MAX_WORDS; i++)
        EXPECT(buf[i] == 101 + i);
    report("IPC0003");

    m = (tessera_msg_t){ .info = MSG_INFO(3, 0) };      /* IPC0004: nb_send to a waiting receiver */
    EXPECT(tessera_nb_send(CAP_e, &m) == ERR_OK);
    report("IPC0004");

    m = (tessera_msg_t){ .info = MSG_INFO(3, 0) };      /* IPC0005: send, lower to higher priority */
    EXPECT(tessera_send(CAP_e, &m) == ERR_OK);
    m = (tessera_msg_t){ 0 };
    EXPECT(call(4, 0, &m) == ERR_OK && m.mr[0] == 2);  /* the server counted both one-way sends */
    report("IPC0005");

    m = (tessera_msg_t){ 0 };                           /* IPC0006: nb_recv with no sender */
    EXPECT(tessera_nb_recv(CAP_fault_crasher, &m) == ERR_WOULD_BLOCK);
    report("IPC0006");
}

/* The server of FAST0005 and FAST0006, on the runner's `local_go` thread: the
 * same address space and priority as the runner's control thread, its own TLS
 * block. It answers label 7 with MR0 + 100 * its mark and its mark; label 8
 * the first time by suspending and resuming its caller, which then calls
 * again, and the second time with the message it got and the label 2; and
 * label 0 by quitting. */
static __thread uintptr_t mark;

static void local_server(void *arg)
{
    tessera_msg_t m = { 0 };
    unsigned held = 0;

    (void)arg;
    mark = 2;
    tessera_recv(CAP_local_srv, &m);
    for (;;) {
        if (MSG_LABEL(m.info) == 7) {
            m = (tessera_msg_t){ .info = MSG_INFO(7, 2), .mr = { m.mr[0] + 100 * mark, mark } };
        } else if (MSG_LABEL(m.info) == 8 && held++ == 0) {
            tessera_thread_suspend(CAP_thread_runner);  /* the caller, waiting for our reply */
            tessera_thread_resume(CAP_thread_runner);   /* ... re-issues its call */
            tessera_recv(CAP_local_srv, &m);
            continue;
        } else if (MSG_LABEL(m.info) == 8) {
            m.info = MSG_INFO(held, 4);
        } else {
            break;
        }
        tessera_reply_recv(CAP_local_srv, &m);
    }
    m = (tessera_msg_t){ 0 };
    tessera_reply(&m);
}

/* One round trip of ADD on the server with a message of `len` words (it
 * reads MR0-MR3 and replies with 2), in cycles: the fewest of 8 (a tick in
 * the window only adds). Under icount (the tests boot with it) a cycle is an
 * instruction, so two such counts are equal exactly when the same code ran. */
static uint32_t add_cycles(unsigned len)
{
    uint32_t best = UINT32_MAX;

    for (int i = 0; i < 8; i++) {
        tessera_msg_t m = { .info = MSG_INFO(1, len), .mr = { 1, 2, 3, 4 } };
        uint32_t start = tessera_cycles();
        tessera_call(CAP_e, &m);
        uint32_t took = tessera_cycles() - start;
        EXPECT(m.mr[0] == 10);
        best = took < best ? took : best;
    }
    return best;
}

static uint32_t round_trip_cycles(void)
{
    return add_cycles(4);
}

/* The IPC fast path's guards: each case either takes the fast path or falls
 * through to the ordinary one, and must give the same result either way. */
static void fastpath_tests(void)
{
    uintptr_t *buf = tessera_ipc_buffer();
    tessera_msg_t m;

    /* FAST0001: every message the kernel takes goes the fast way. The longest,
     * MSG_MAX_WORDS words, comes back whole, the word past it untouched; one
     * word more is refused and nothing moves. A call costs the same few
     * instructions more with every word from 5 to MSG_MAX_WORDS (the copy's):
     * with the fast path's limit anywhere below, the words past it would take
     * the ordinary path, hundreds more, and the line would break. */
    m = (tessera_msg_t){ .mr = { 10, 20, 30, 40 } };
    for (unsigned i = 4; i < MSG_MAX_WORDS; i++)
        buf[i] = 1000 + i;
    buf[MSG_MAX_WORDS] = 7777;                          /* past the message: untouched */
    EXPECT(call(2, MSG_MAX_WORDS, &m) == ERR_OK);
    EXPECT(MSG_LENGTH(m.info) == MSG_MAX_WORDS && m.mr[0] == 11 && m.mr[3] == 41);
    for (unsigned i = 4; i < MSG_MAX_WORDS; i++)
        EXPECT(buf[i] == 1001 + i);
    EXPECT(buf[MSG_MAX_WORDS] == 7777);
    m = (tessera_msg_t){ .mr = { 10, 20, 30, 40 } };
    EXPECT(call(2, MSG_MAX_WORDS + 1, &m) == ERR_MESSAGE_TOO_LONG);
    EXPECT(m.mr[0] == 10 && buf[4] == 1005 && buf[MSG_MAX_WORDS - 1] == 1000 + MSG_MAX_WORDS);
    uint32_t c5 = add_cycles(5), c6 = add_cycles(6), longest = add_cycles(MSG_MAX_WORDS);
    EXPECT(c6 > c5 && longest - c5 == (MSG_MAX_WORDS - 5) * (c6 - c5));
    report("FAST0001");

    m = (tessera_msg_t){ .info = MSG_INFO(6, 1) | MSG_NOTIFICATION_FLAG };  /* FAST0002 */
    EXPECT(tessera_call(CAP_e, &m) == ERR_OK);          /* the flag is not delivered */
    EXPECT(MSG_LABEL(m.info) == 6 && m.mr[0] == MSG_INFO(6, 1) && m.mr[1] == 1);
    m = (tessera_msg_t){ .info = MSG_INFO(6, 0) };      /* nor set on a reply */
    EXPECT(tessera_call(CAP_e, &m) == ERR_OK && !(m.info & MSG_NOTIFICATION_FLAG));
    report("FAST0002");

    mark = 1;                                           /* FAST0005: call and reply_recv */
    EXPECT(local_go_reg_callback(local_server, NULL) == 0);    /* between two threads */
    local_start_emit();                                 /* of one address space at one */
    for (uintptr_t i = 0; i < 4; i++) {                 /* priority, each with its TLS */
        m = (tessera_msg_t){ .info = MSG_INFO(7, 1), .mr = { i } };
        EXPECT(tessera_call(CAP_local, &m) == ERR_OK);
        EXPECT(MSG_LABEL(m.info) == 7 && m.mr[0] == 200 + i && m.mr[1] == 2 && m.badge == 0);
        EXPECT(mark == 1);
    }
    report("FAST0005");

    m = (tessera_msg_t){ .info = MSG_INFO(8, 4), .mr = { 11, 22, 33, 44 } };   /* FAST0006: */
    EXPECT(tessera_call(CAP_local, &m) == ERR_OK);      /* suspended and resumed while it */
    EXPECT(MSG_LABEL(m.info) == 2 && MSG_LENGTH(m.info) == 4);  /* waits, a call is made again, */
    EXPECT(m.mr[0] == 11 && m.mr[1] == 22 && m.mr[2] == 33 && m.mr[3] == 44);   /* as it was */
    report("FAST0006");
    m = (tessera_msg_t){ .info = MSG_INFO(0, 0) };
    tessera_call(CAP_local, &m);                        /* the local server quits */
}

#if defined(__arm__)
/* `signal` on `cap` through `svc #0`, which the fast path takes, or `svc #1`,
 * which only the ordinary path does (the same call, with the same result), in
 * cycles from right before the trap to right after the signaller runs again. */
static uint32_t signal_cycles(unsigned cap, int ordinary)
{
    register uintptr_t r0 __asm__("r0") = cap;
    register uintptr_t r7 __asm__("r7") = SYS_SIGNAL;
    uint32_t before, after;

    if (ordinary)
        __asm__ volatile("mrc p15, 0, %[b], c9, c13, 0\n\tsvc #1\n\tmrc p15, 0, %[a], c9, c13, 0"
                         : [b] "=&r"(before), [a] "=&r"(after), "+r"(r0) : "r"(r7)
                         : "r1", "r2", "r3", "r4", "r5", "r6", "memory");
    else
        __asm__ volatile("mrc p15, 0, %[b], c9, c13, 0\n\tsvc #0\n\tmrc p15, 0, %[a], c9, c13, 0"
                         : [b] "=&r"(before), [a] "=&r"(after), "+r"(r0) : "r"(r7)
                         : "r1", "r2", "r3", "r4", "r5", "r6", "memory");
    EXPECT(r0 == ERR_OK);
    return after - before;
}
#endif

/* The signal fast path: a higher-priority thread waiting on the notification
 * takes the bits and runs at once. */
static void signal_fastpath_test(void)
{
    tessera_msg_t m = { .info = MSG_INFO(7, 0) };       /* FAST0007: the server waits on k */
    EXPECT(tessera_send(CAP_e, &m) == ERR_OK);
    m = (tessera_msg_t){ .mr = { 1, 2, 3, 4 } };
    EXPECT(tessera_syscall_msg(SYS_SIGNAL, CAP_kick, &m) == ERR_OK);   /* it ran: */
    EXPECT(m.mr[0] == 1 && m.mr[1] == 2 && m.mr[2] == 3 && m.mr[3] == 4);    /* ours kept, */
    m = (tessera_msg_t){ .info = MSG_INFO(8, 0) };
    EXPECT(tessera_call(CAP_e, &m) == ERR_OK);
    EXPECT(m.mr[0] == 1 && m.mr[1] == 1);               /* its bits, flag and registers */
#if defined(__arm__)
    uint32_t fast = UINT32_MAX, ordinary = UINT32_MAX;  /* and not through the ordinary path */
    for (int i = 0; i < 8; i++) {
        m = (tessera_msg_t){ .info = MSG_INFO(7, 0) };
        tessera_send(CAP_e, &m);
        uint32_t c = signal_cycles(CAP_kick, i & 1);
        if (i & 1)
            ordinary = c < ordinary ? c : ordinary;
        else
            fast = c < fast ? c : fast;
    }
    EXPECT(fast < ordinary);
    printf("  signal to a waiter above: %lu cycles, %lu through the ordinary path\n",
           (unsigned long)fast, (unsigned long)ordinary);
#endif
    report("FAST0007");
}

#if defined(__x86_64__)
/* A call to the server that keeps `mine` in xmm7 across it: returns what
 * xmm7 holds when the call returns, which must be `mine` again. */
static uint64_t call_keeping_xmm7(uintptr_t label, uint64_t mine, tessera_msg_t *m)
{
    uintptr_t rdi = CAP_e, rsi = MSG_INFO(label, 1), rbx = 0, rax = SYS_CALL, rdx = m->mr[0];
    register uintptr_t r10 __asm__("r10") = 0;
    register uintptr_t r8 __asm__("r8") = 0;
    register uintptr_t r9 __asm__("r9") = 0;
    uint64_t after;

    __asm__ volatile("movq %[mine], %%xmm7\n\t"
                     "syscall\n\t"
                     "movq %%xmm7, %[after]"
                     : "+D"(rdi), "+S"(rsi), "+d"(rdx), "+r"(r10), "+r"(r8), "+r"(r9), "+b"(rbx), "+a"(rax),
                       [after] "=&r"(after)
                     : [mine] "r"(mine)
                     : "rcx", "r11", "xmm7", "memory");
    EXPECT(rdi == ERR_OK);
    m->info = rsi;
    m->mr[0] = rdx;
    return after;
}

/* The FPU is switched lazily, only for threads that use it: each thread's
 * SSE registers stay its own across calls, whichever uses the FPU first, with
 * a thread that never uses it (client2, the spinner) in between or not. */
static void fpu_test(void)
{
    tessera_msg_t m = { .mr = { 0x5e5e5e5e5e5e5e5eull } };     /* FPU0001 */
    EXPECT(call_keeping_xmm7(9, 0x1111111111111111ull, &m) == 0x1111111111111111ull);
    m.mr[0] = 0x6e6e6e6e6e6e6e6eull;
    EXPECT(call_keeping_xmm7(9, 0x2222222222222222ull, &m) == 0x2222222222222222ull);
    EXPECT(m.mr[0] == 0x5e5e5e5e5e5e5e5eull);           /* the server's own, kept for it */
    m.mr[0] = 0;
    EXPECT(call_keeping_xmm7(10, 0x3333333333333333ull, &m) == 0x3333333333333333ull);
    EXPECT(m.mr[0] == 0x6e6e6e6e6e6e6e6eull);
    EXPECT(tessera_yield() == ERR_OK);
    m.mr[0] = 0;
    EXPECT(call_keeping_xmm7(10, 0x4444444444444444ull, &m) == 0x4444444444444444ull);
    EXPECT(m.mr[0] == 0x6e6e6e6e6e6e6e6eull);
    report("FPU0001");
}
#endif

/* reply_recv's fast path with a thread runnable below the caller, in its
 * bitmap word: the reply takes the same path, at the same cost, as without. */
static void no_cliff_test(void)
{
    uint32_t alone = round_trip_cycles();               /* FAST0008 */
    EXPECT(tessera_thread_resume(CAP_thread_lower) == ERR_OK);
    uint32_t beside = round_trip_cycles();
    EXPECT(tessera_thread_suspend(CAP_thread_lower) == ERR_OK);
    EXPECT(alone == beside);
    printf("  round trip: %lu cycles, %lu with a runnable thread at 99\n", (unsigned long)alone,
           (unsigned long)beside);
    report("FAST0008");
}

static void cap_tests(void)
{
    tessera_msg_t m = { .info = MSG_INFO(1, 0) };
    uintptr_t bits;

    EXPECT(tessera_call(0, &m) == ERR_INVALID_CAP);             /* CAP0001: empty slot */
    EXPECT(tessera_call(200, &m) == ERR_INVALID_CAP);           /* out of range */
    EXPECT(tessera_call(0xffffffffu, &m) == ERR_INVALID_CAP);
    report("CAP0001");
    EXPECT(tessera_call(CAP_p, &m) == ERR_WRONG_TYPE);          /* CAP0002: wrong object type */
    EXPECT(tessera_signal(CAP_e) == ERR_WRONG_TYPE);
    EXPECT(tessera_irq_ack(CAP_e) == ERR_WRONG_TYPE);
    EXPECT(tessera_thread_suspend(CAP_e) == ERR_WRONG_TYPE);
    report("CAP0002");
    EXPECT(tessera_recv(CAP_e, &m) == ERR_MISSING_RIGHT);       /* CAP0003: missing right */
    EXPECT(tessera_wait(CAP_g, &bits) == ERR_MISSING_RIGHT);
    EXPECT(tessera_signal(CAP_p) == ERR_MISSING_RIGHT);
    EXPECT(tessera_send(CAP_fault_crasher, &m) == ERR_MISSING_RIGHT);
    report("CAP0003");
    m.info = MSG_INFO(1, MSG_MAX_WORDS + 1);                     /* MSG0001: too long */
    EXPECT(tessera_call(CAP_e, &m) == ERR_MESSAGE_TOO_LONG);
    m.info = MSG_INFO(1, MSG_MAX_WORDS + 1);
    EXPECT(tessera_reply(&m) == ERR_MESSAGE_TOO_LONG);
    report("MSG0001");
    m.info = 0;                                                  /* IPC0007: no reply right */
    EXPECT(tessera_reply(&m) == ERR_NO_REPLY);
    report("IPC0007");
    EXPECT(tessera_syscall1(0x7fff, 0) == ERR_INVALID_CALL);    /* SYS0001: no fault endpoint */
    report("SYS0001");
}

static void notification_tests(void)
{
    uintptr_t bits = 99;
    tessera_msg_t m = { 0 };

    EXPECT(tessera_signal(CAP_g) == ERR_OK);            /* SCHED0001: the lower-priority signaller */
    EXPECT(tessera_poll(CAP_p, &bits) == ERR_OK && bits == 0);   /* has not run yet */
    report("SCHED0001");
    EXPECT(tessera_wait(CAP_p, &bits) == ERR_OK && bits == 1);  /* NTFN0001: it runs once we wait */
    report("NTFN0001");
    EXPECT(tessera_poll(CAP_p, &bits) == ERR_OK && bits == 0);  /* NTFN0002: poll, nothing pending */
    report("NTFN0002");
    EXPECT(tessera_signal(CAP_g) == ERR_OK);            /* NTFN0003: bound notification ends a recv */
    EXPECT(tessera_recv(CAP_fault_crasher, &m) == ERR_OK);
    EXPECT((m.info & MSG_NOTIFICATION_FLAG) && m.badge == 1);
    report("NTFN0003");
}

static void timer_tests(void)
{
    uint64_t per_ms = tessera_counter_freq() / 1000, last, now;
    uintptr_t bits;

    EXPECT(tessera_timer_set(2000, 2000) == ERR_OK);    /* TMR0001: periodic, 2 ms */
    tessera_wait(CAP_timer, &bits);
    last = tessera_counter();
    for (int i = 0; i < 5; i++) {
        EXPECT(tessera_wait(CAP_timer, &bits) == ERR_OK && bits == 1);
        now = tessera_counter();
        EXPECT(now - last >= 2 * per_ms - per_ms / 2 && now - last <= 2 * per_ms + per_ms + per_ms / 2);
        last = now;
    }
    EXPECT(tessera_timer_set(0, 0) == ERR_OK);
    report("TMR0001");
    last = tessera_counter();                           /* TMR0002: one-shot, 3 ms */
    EXPECT(tessera_timer_set(3000, 0) == ERR_OK);
    EXPECT(tessera_wait(CAP_timer, &bits) == ERR_OK && bits == 1);
    EXPECT(tessera_counter() - last >= 3 * per_ms);
    EXPECT(tessera_poll(CAP_timer, &bits) == ERR_OK && bits == 0);
    report("TMR0002");
}

/* Busy for `ms` milliseconds; returns how often the clock jumped by more than
 * 2 ms between two reads, i.e. how often another thread ran meanwhile. */
static int busy(unsigned ms)
{
    uint64_t per_ms = tessera_counter_freq() / 1000;
    uint64_t start = tessera_counter(), last = start, now;
    int gaps = 0;

    while ((now = tessera_counter()) - start < ms * per_ms) {
        if (now - last > 2 * per_ms)
            gaps++;
        last = now;
    }
    return gaps;
}

/* FAST0012: a timer's waiter at the level of the thread the tick interrupts
 * does not preempt it: the runner's periodic timer (1 ms) expires while the
 * spinner, at the runner's priority, runs its 10 ms slice; the runner waits
 * at the back of the level until the slice ends. The first wait finds the
 * spinner's slice partly used; the second a fresh one (the runner ran
 * because the slice ended). It fails if the tick's fast path switches to a
 * waiter that is not above the interrupted thread (the wait would return
 * after a tick). */
static void tick_same_level_test(void)
{
    uint64_t per_ms = tessera_counter_freq() / 1000, waited = 0;
    uintptr_t bits;

    EXPECT(tessera_timer_set(1000, 1000) == ERR_OK);
    for (int i = 0; i < 2; i++) {
        tessera_poll(CAP_timer, &bits);                 /* no bits left from before */
        uint64_t t0 = tessera_counter();
        EXPECT(tessera_wait(CAP_timer, &bits) == ERR_OK && bits == 1);
        waited = tessera_counter() - t0;
    }
    EXPECT(tessera_timer_set(0, 0) == ERR_OK);
    tessera_poll(CAP_timer, &bits);
    EXPECT(waited >= 5 * per_ms);
    printf("  timer wake at the spinner's level: after %lu us\n", (unsigned long)(waited * 1000 / per_ms));
    report("FAST0012");
}

static void sched_tests(void)
{
    EXPECT(tessera_thread_resume(CAP_thread_spinner) == ERR_OK);   /* SCHED0002: round robin */
    int gaps = busy(60);
    EXPECT(gaps >= 2);
    printf("  round robin: the spinner ran %d times in 60 ms\n", gaps);
    report("SCHED0002");
    tessera_msg_t m = { .info = MSG_INFO(1, 4), .mr = { 5, 6, 7, 8 } };    /* FAST0003: a call */
    EXPECT(tessera_call(CAP_e, &m) == ERR_OK);          /* with the spinner runnable at our level */
    EXPECT(m.mr[0] == 26 && m.mr[1] == 1);
    EXPECT(busy(30) >= 1);                              /* and round robin goes on */
    report("FAST0003");
    /* FAST0009: the reply must not pass the spinner, queued at our level: it
     * runs its slice (10 ms) before we return from the call. */
    uint64_t per_ms = tessera_counter_freq() / 1000, t0 = tessera_counter();
    m = (tessera_msg_t){ .info = MSG_INFO(1, 4), .mr = { 1, 1, 1, 1 } };
    EXPECT(tessera_call(CAP_e, &m) == ERR_OK && m.mr[0] == 4);
    EXPECT(tessera_counter() - t0 >= per_ms);
    report("FAST0009");
    uint64_t before = tessera_counter();                /* SCHED0003: yield hands over the CPU */
    EXPECT(tessera_yield() == ERR_OK);
    EXPECT(tessera_counter() - before > 2 * (tessera_counter_freq() / 1000));
    report("SCHED0003");
    tick_same_level_test();                             /* FAST0012, with the spinner at our level */
    EXPECT(tessera_thread_suspend(CAP_thread_spinner) == ERR_OK);   /* THREAD0001 */
    EXPECT(busy(30) == 0);                              /* suspended: it no longer runs */
    EXPECT(tessera_thread_resume(CAP_thread_spinner) == ERR_OK);
    EXPECT(tessera_thread_suspend(CAP_thread_spinner) == ERR_OK);
    EXPECT(tessera_thread_resume(CAP_thread_crasher) == ERR_OK);   /* suspended since the start */
    EXPECT(tessera_thread_resume(CAP_thread_crasher) == ERR_ILLEGAL_OPERATION);
    report("THREAD0001");
}

static void fault_tests(void)
{
    tessera_msg_t m = { 0 };

    EXPECT(tessera_recv(CAP_fault_crasher, &m) == ERR_OK);        /* FLT0001: a data abort */
    EXPECT(MSG_LABEL(m.info) == FAULT_DATA_ABORT && m.mr[FAULT_MR_ADDRESS] == 0x00300000 && m.badge != 0);
    printf("  fault: label 0x%lx address 0x%08lx syndrome 0x%08lx pc 0x%08lx badge %lu\n",
           (unsigned long)MSG_LABEL(m.info), (unsigned long)m.mr[FAULT_MR_ADDRESS],
           (unsigned long)m.mr[FAULT_MR_SYNDROME], (unsigned long)m.mr[FAULT_MR_PC], (unsigned long)m.badge);
    report("FLT0001");
    /* FAST0004: the crasher faulted with a fast-path call's registers (r7 =
     * SYS_CALL, r0 = its endpoint, the server waiting): a fault, not a call. */
    EXPECT(MSG_LABEL(m.info) == FAULT_DATA_ABORT && m.mr[FAULT_MR_ADDRESS] == 0x00300000 && m.badge != 0);
    report("FAST0004");
    m.mr[FAULT_RESUME_MR_PC] = m.mr[FAULT_MR_PC] + LOAD_LENGTH;   /* FLT0002: resume after the load */
    m.info = MSG_INFO(FAULT_RESUME, 1);
    EXPECT(tessera_reply_recv(CAP_fault_crasher, &m) == ERR_OK);  /* ... and its next fault */
    EXPECT(MSG_LABEL(m.info) == FAULT_UNKNOWN_SYSCALL && m.mr[FAULT_MR_DETAIL] == 0x7fff);
    report("FLT0002");
    m.mr[FAULT_RESUME_MR_PC] = m.mr[FAULT_MR_PC];       /* FLT0003: resume with r0 = 42 */
    m.mr[FAULT_RESUME_MR_RESULT] = 42;
    m.info = MSG_INFO(FAULT_RESUME, 2);
    EXPECT(tessera_reply_recv(CAP_fault_crasher, &m) == ERR_OK);
    EXPECT(MSG_LABEL(m.info) == FAULT_DATA_ABORT);      /* its far load, next */
    report("FLT0003");
    EXPECT(m.mr[FAULT_MR_ADDRESS] == FAR_ADDRESS);      /* FLT0005: the address in full */
    printf("  far fault: address 0x%lx\n", (unsigned long)m.mr[FAULT_MR_ADDRESS]);
    m.mr[FAULT_RESUME_MR_PC] = m.mr[FAULT_MR_PC] + FAR_LOAD_LENGTH;
    m.info = MSG_INFO(FAULT_RESUME, 1);
    EXPECT(tessera_reply_recv(CAP_fault_crasher, &m) == ERR_OK);
    EXPECT(MSG_LABEL(m.info) == FAULT_UNDEFINED_INSTRUCTION);
    report("FLT0005");
    m.info = MSG_INFO(0, 0);                            /* FLT0004: leave it stopped */
    EXPECT(tessera_reply(&m) == ERR_OK);
    report("FLT0004");
}

/* The tick's fast path (arm_fastpath_irq on ARM, x86_fastpath_irq on
 * x86_64): the runner's periodic timer expires while `lower` (99) spins below
 * it, so the tick wakes the runner at once with its bit, and lower's registers
 * survive being interrupted (it spins on, storing its counter reads). Under
 * icount the wake costs what the fast path does (about 125 cycles from lower's
 * last read on both architectures), the ordinary path more than 250 (292 on
 * ARM, 345 on x86_64): it fails if the fast path is skipped. */
static void tick_fastpath_test(void)
{
    volatile uint32_t *shared = (volatile uint32_t *)lower_flag;
    uint32_t best = UINT32_MAX;
    uintptr_t bits = 0;

    EXPECT(tessera_thread_resume(CAP_thread_lower) == ERR_OK);  /* FAST0010 */
    EXPECT(tessera_timer_set(1000, 1000) == ERR_OK);
    for (int i = 0; i < 8; i++) {
        shared[1] = 0;
        EXPECT(tessera_wait(CAP_timer, &bits) == ERR_OK && bits == 1);
        uint32_t now = tessera_cycles(), last = shared[1];
        EXPECT(last != 0);                              /* lower ran meanwhile */
        if (now - last < best)
            best = now - last;
    }
    EXPECT(tessera_timer_set(0, 0) == ERR_OK);
    EXPECT(best < 200);
    printf("  timer wake over a spinning thread: %lu cycles\n", (unsigned long)best);
    report("FAST0010");

    /* FAST0011: through the fast path a periodic timer keeps its period: its
     * deadline advances by the period, not from the tick that found it due,
     * and the ticks in between (the tick alone, over lower) leave it and the
     * tick's own deadline in step. A 2 ms timer over the 1 ms tick wakes the
     * runner every second tick: 10 wakes take 20 ms, each 2 ms after the
     * last. It fails if the timer's deadline is not advanced (a wake every
     * tick) or is set from the tick (every third), or if the tick drifts. */
    uint64_t per_ms = tessera_counter_freq() / 1000, first, last, now;
    int in_period = 1;

    EXPECT(tessera_timer_set(2000, 2000) == ERR_OK);
    tessera_poll(CAP_timer, &bits);                     /* no bits left from FAST0010 */
    EXPECT(tessera_wait(CAP_timer, &bits) == ERR_OK && bits == 1);
    first = last = tessera_counter();
    for (int i = 0; i < 10; i++) {
        shared[1] = 0;
        EXPECT(tessera_wait(CAP_timer, &bits) == ERR_OK && bits == 1);
        now = tessera_counter();
        EXPECT(shared[1] != 0);                         /* lower ran in between */
        if (now - last < 2 * per_ms - per_ms / 4 || now - last > 2 * per_ms + per_ms / 4)
            in_period = 0;
        last = now;
    }
    EXPECT(tessera_timer_set(0, 0) == ERR_OK);
    EXPECT(tessera_thread_suspend(CAP_thread_lower) == ERR_OK);
    tessera_poll(CAP_timer, &bits);
    EXPECT(in_period);
    EXPECT(last - first >= 20 * per_ms - per_ms / 4 && last - first <= 20 * per_ms + per_ms / 4);
    printf("  10 periodic wakes of 2 ms over a spinning thread: %lu us\n",
           (unsigned long)((last - first) * 1000 / per_ms));
    report("FAST0011");
}

int run(void)
{
    tessera_thread_suspend(CAP_thread_crasher);         /* until the fault tests */
    tessera_thread_suspend(CAP_thread_spinner);         /* until the scheduling tests */
    tessera_thread_suspend(CAP_thread_lower);           /* until FAST0008 */
    ipc_tests();
    fastpath_tests();
    signal_fastpath_test();
    no_cliff_test();
    tick_fastpath_test();
#if defined(__x86_64__)
    fpu_test();
#endif
    cap_tests();
    notification_tests();
    timer_tests();
    sched_tests();
    fault_tests();

    tessera_msg_t m = { 0 };
    call(5, 0, &m);                                     /* the server quits */
    tessera_signal(CAP_s);                              /* and so does the spinner */
    tessera_thread_resume(CAP_thread_spinner);
    *(volatile int *)lower_flag = 1;                    /* lower ends once we have */
    tessera_thread_resume(CAP_thread_lower);
    printf("kernel tests: %d passed, %d failed\n", passed, failed);
    return failed;
}
