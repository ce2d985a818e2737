// SPDX-License-Identifier: BSD-2-Clause
/*
 * The benchmark's runner: takes BENCH_WARMUP + BENCH_SAMPLES samples of every
 * figure and prints one machine-readable line per figure,
 *
 *   BENCH name=<figure> min=<n> median=<n> max=<n> mean=<x.y> stddev=<x.y> n=<samples>
 *
 * in cycles of tessera_cycles(), between `BENCH begin ...` and
 * `BENCH end figures=<count>`; docs/profiling.md describes every figure and
 * `tessera profile` parses the lines. run() returns 0 only if every sample
 * came back as the protocol says.
 */
#include <stdint.h>
#include <stdio.h>
#include <camkes.h>
#include "../../include/ipcbench.h"

#define N BENCH_SAMPLES
#define SIZES 5

static const unsigned sizes[SIZES] = { 0, 4, 10, 64, 120 };
static uint32_t first[N], second[N], third[N];
static unsigned figures, errors;

/* Shell sort: the runtime of every architecture has no qsort to rely on. */
static void sort(uint32_t *s, unsigned n)
{
    for (unsigned gap = n / 2; gap > 0; gap /= 2) {
        for (unsigned i = gap; i < n; i++) {
            uint32_t v = s[i];
            unsigned j = i;
            for (; j >= gap && s[j - gap] > v; j -= gap)
                s[j] = s[j - gap];
            s[j] = v;
        }
    }
}

static uint64_t isqrt(uint64_t v)
{
    uint64_t r = 0;

    for (uint64_t bit = 1ull << 62; bit != 0; bit >>= 2) {
        if (v >= r + bit) {
            v -= r + bit;
            r = (r >> 1) + bit;
        } else {
            r >>= 1;
        }
    }
    return r;
}

static uint64_t add_sat(uint64_t a, uint64_t b)
{
    return a + b < a ? UINT64_MAX : a + b;
}

/* Sorts s. Median: the upper of the two middle samples (N is even). Mean and
 * standard deviation (of the population, around the mean rounded to a whole
 * cycle) to one decimal, in integers: no floating point in components. */
static void report(const char *name, uint32_t *s)
{
    uint64_t sum = 0, squares = 0;

    sort(s, N);
    for (unsigned i = 0; i < N; i++)
        sum += s[i];
    uint64_t mean = (sum + N / 2) / N, mean10 = (sum * 10 + N / 2) / N;
    for (unsigned i = 0; i < N; i++) {
        uint64_t d = s[i] > mean ? s[i] - mean : mean - s[i];
        squares = add_sat(squares, d * d);
    }
    uint64_t sd10 = isqrt(squares > UINT64_MAX / 100 ? UINT64_MAX / N : squares * 100 / N);
    printf("BENCH name=%s min=%lu median=%lu max=%lu mean=%lu.%lu stddev=%lu.%lu n=%u\n", name,
           (unsigned long)s[0], (unsigned long)s[N / 2], (unsigned long)s[N - 1],
           (unsigned long)(mean10 / 10), (unsigned long)(mean10 % 10),
           (unsigned long)(sd10 / 10), (unsigned long)(sd10 % 10), N);
    figures++;
}

static void check(int ok, const char *what)
{
    if (!ok && errors++ == 0)
        printf("BENCH error %s\n", what);
}

/* A system call that does nothing: yield, with no other thread at our level. */
static void null_syscall(void)
{
    for (int i = -BENCH_WARMUP; i < N; i++) {
        tessera_msg_t m = { 0 };
        uint32_t end = bench_syscall(SYS_YIELD, 0, &m);
        if (i >= 0)
            first[i] = end - m.mr[BENCH_STAMP];
    }
    report("null_syscall", first);
}

/* call (runner -> the server loop on `cap`), reply_recv (back to the runner)
 * and the round trip, with `words` message words each way; the figures are
 * named <prefix>call_<words> and so on. */
static void call_reply(unsigned cap, const char *prefix, unsigned words)
{
    uintptr_t *buf = tessera_ipc_buffer();
    char name[32];

    for (unsigned i = 0; i < words; i++)
        buf[i] = i;
    for (int i = -BENCH_WARMUP; i < N; i++) {
        tessera_msg_t m = { .info = MSG_INFO(SRV_ECHO, words) };
        uint32_t end = bench_syscall(SYS_CALL, cap, &m);
        check(MSG_LABEL(m.info) == SRV_ECHO && MSG_LENGTH(m.info) == words, "echo reply");
        if (i >= 0) {
            first[i] = m.mr[2];
            second[i] = end - m.mr[BENCH_STAMP];
            third[i] = end - m.mr[3];
        }
    }
    snprintf(name, sizeof name, "%scall_%u", prefix, words);
    report(name, first);
    snprintf(name, sizeof name, "%sreply_recv_%u", prefix, words);
    report(name, second);
    snprintf(name, sizeof name, "%sround_trip_%u", prefix, words);
    report(name, third);
}

/* The runner's second thread: the callback of `local_go`, on that event's own
 * thread, in our address space and at our priority. It is the server loop for
 * the intra_* figures until SRV_QUIT. It is never runnable while another
 * figure runs, so it never competes with us for the processor (null_syscall,
 * timer_irq): before start_local() it waits in the glue for a callback (the
 * first warm-up yield of null_syscall may be its one turn to get there), from
 * the intra_* figures to SRV_QUIT in its receive on `local_srv`, and after
 * that in the glue again. A protocol error shows in the replies we check. */
static void local_server(void *arg)
{
    (void)arg;
    (void)bench_serve(CAP_local_srv);
}

/* Start the local server loop: the callback thread takes `go` and runs
 * local_server(). Our first call may find it not yet in its receive and wait
 * for it there; that is a warm-up sample. */
static void start_local(void)
{
    check(local_go_reg_callback(local_server, NULL) == 0, "local server callback");
    go_emit();
}

/* End the server loop on `cap` (it replies, then returns). */
static void quit(unsigned cap)
{
    tessera_msg_t m = { .info = MSG_INFO(SRV_QUIT, 0) };
    tessera_call(cap, &m);
    check(MSG_LABEL(m.info) == SRV_QUIT, "quit");
}

/* send from the runner to the higher-priority server waiting in recv. */
static void send_up(void)
{
    for (int i = -BENCH_WARMUP; i < N; i++) {
        tessera_msg_t m = { .info = MSG_INFO(SRV_SEND, 0) };
        bench_syscall(SYS_SEND, CAP_ipc, &m);
        m = (tessera_msg_t){ .info = MSG_INFO(SRV_LAST, 0) };
        tessera_call(CAP_ipc, &m);
        check(MSG_LABEL(m.info) == SRV_LAST, "send figure");
        if (i >= 0)
            first[i] = m.mr[2];
    }
    report("send", first);
}

/* A user's view: the round trip of a call through the generated CAmkES stubs
 * (glue_add() and so on) to BenchGlueServer, from the counter read right
 * before the stub is called to the one right after it returned: marshalling,
 * the kernel both ways, the server's dispatch and its implementation. */
static const char text64[65] = "0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef";

static void glue_add_figure(const char *name)
{
    for (int i = -BENCH_WARMUP; i < N; i++) {
        uint32_t start = tessera_cycles();
        int r = glue_add(i, 3);
        uint32_t end = tessera_cycles();
        check(r == i + 3, "glue add");
        if (i >= 0)
            first[i] = end - start;
    }
    report(name, first);
}

static void glue_figures(void)
{
    glue_add_figure("glue_add_round_trip");
    /* The same call with a thread runnable one priority below ours: it never
     * runs meanwhile, so the figure should not change. Right after the first,
     * so that nothing else (which threads have used the FPU) differs. */
    check(tessera_thread_resume(CAP_thread_busy) == ERR_OK, "resume busy");
    glue_add_figure("glue_add_round_trip_busy");
    check(tessera_thread_suspend(CAP_thread_busy) == ERR_OK, "suspend busy");
    for (int i = -BENCH_WARMUP; i < N; i++) {
        uint32_t start = tessera_cycles();
        int r = glue_sum10(i, 1, 2, 3, 4, 5, 6, 7, 8, 9);
        uint32_t end = tessera_cycles();
        check(r == i + 45, "glue sum10");
        if (i >= 0)
            first[i] = end - start;
    }
    report("glue_sum10_round_trip", first);
    for (int i = -BENCH_WARMUP; i < N; i++) {
        uint32_t start = tessera_cycles();
        int r = glue_string64(text64);
        uint32_t end = tessera_cycles();
        check(r == 64, "glue string64");
        if (i >= 0)
            first[i] = end - start;
    }
    report("glue_string64_round_trip", first);
}

/* Reply `order` to the waiter, which then waits for it (we hold its reply
 * right: it has called us). */
static void order(uintptr_t what)
{
    tessera_msg_t m = { .info = MSG_INFO(what, 0) };
    tessera_reply(&m);
}

/* signal -> the higher-priority waiter returns from wait. */
static void signal_wait(void)
{
    for (int i = -BENCH_WARMUP; i < N; i++) {
        tessera_msg_t k = { 0 }, r = { 0 };
        order(WAITER_NTFN);
        bench_syscall(SYS_SIGNAL, CAP_kick, &k);
        tessera_recv(CAP_result, &r);
        check(MSG_LABEL(r.info) == WAITER_NTFN, "signal figure");
        if (i >= 0)
            first[i] = r.mr[0] - k.mr[BENCH_STAMP];
    }
    report("signal_wait", first);
}

/* The waiter's periodic timer expires while we spin: from our last counter
 * read before the interrupt to the waiter's first read after its wait
 * returned. A gap in our reads with no report queued was a tick alone. */
static void timer_irq(void)
{
    for (int i = -BENCH_WARMUP; i < N; i++) {
        tessera_msg_t r = { 0 };
        uint32_t last, now;

        order(WAITER_TIMER);
        last = tessera_cycles();
        for (;;) {
            now = tessera_cycles();
            if (now - last > 64 && tessera_nb_recv(CAP_result, &r) == ERR_OK)
                break;
            last = now;
        }
        check(MSG_LABEL(r.info) == WAITER_TIMER, "timer figure");
        if (i >= 0)
            first[i] = r.mr[0] - last;
    }
    order(WAITER_STOP_TIMER);
    tessera_msg_t r = { 0 };
    tessera_recv(CAP_result, &r);
    report("timer_irq", first);
}

int run(void)
{
    tessera_msg_t m = { 0 };

    tessera_thread_suspend(CAP_thread_busy);       /* until glue_add_round_trip_busy */
    printf("BENCH begin samples=%u warmup=%u unit=cycles\n", N, BENCH_WARMUP);
    null_syscall();
    for (unsigned i = 0; i < SIZES; i++)
        call_reply(CAP_ipc, "", sizes[i]);
    start_local();
    for (unsigned i = 0; i < SIZES; i++)
        call_reply(CAP_local, "intra_", sizes[i]);
    send_up();
    glue_figures();
    tessera_recv(CAP_result, &m);               /* the waiter is ready */
    check(MSG_LABEL(m.info) == WAITER_READY, "waiter ready");
    signal_wait();
    timer_irq();
    order(WAITER_QUIT);
    quit(CAP_local);
    quit(CAP_ipc);
    *(volatile int *)busy_flag = 1;             /* busy ends once we have */
    tessera_thread_resume(CAP_thread_busy);
    printf("BENCH end figures=%u errors=%u\n", figures, errors);
    return errors != 0;
}
