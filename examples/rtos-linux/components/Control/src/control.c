/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * The control task beside the Linux guest (docs/realtime.md, "A control task
 * beside Linux"): every millisecond, read a simulated plant's output, run a
 * PI controller toward the set point and step the plant (a first-order lag,
 * time constant 20 ms), in Q16 fixed point. The set point steps from 10 to 20
 * half a second in, and again every 10 seconds between 20 and 10.
 *
 * Its attributes: `periods`, how many activations to run (0: for ever), and
 * `warmup`, how many to run first without measuring them (so that a profile
 * measures the guest at its shell, not its boot). The summary line comes every
 * 1000 measured periods and at the end; at the end also the latency histogram
 * as `rtos-hist:` lines (tessera profile --rt reads them) and `control: done`.
 * run() returns 0 if no deadline was missed, else 1.
 */
#include <stdio.h>
#include <string.h>
#include <camkes.h>
#include <tessera.h>
#include <tessera/rt.h>

#define PERIOD_US 1000
#define Q 16
#define ONE (1 << Q)
#define HIST_PER_LINE 8

static struct tessera_rt rt;

struct pi {
    int32_t setpoint, integral, kp, ki;     /* Q16 */
};

/* One control step over the plant y' = (u - y) / tau, dt = 1 ms, tau = 20 ms. */
static void control_step(struct pi *c, int32_t *y)
{
    int32_t e = c->setpoint - *y;
    c->integral += (int32_t)(((int64_t)c->ki * e) >> Q);
    int32_t u = (int32_t)(((int64_t)c->kp * e) >> Q) + c->integral;
    *y += (int32_t)(((int64_t)(u - *y)) / 20);
}

/* The histogram's non-empty buckets, HIST_PER_LINE to a line (the console
 * keeps a line whole up to 160 bytes): `rtos-hist: bucket_ns=100 B=N ...`,
 * B the bucket's index (latencies from B*100 ns to below (B+1)*100 ns). */
static void print_histogram(void)
{
    char line[160];
    unsigned n = 0, lines = 0;
    size_t used = 0;

    for (unsigned b = 0; b < TESSERA_RT_BUCKETS; b++) {
        if (rt.hist[b] == 0)
            continue;
        if (n == 0)
            used = (size_t)snprintf(line, sizeof(line), "rtos-hist: bucket_ns=%u", TESSERA_RT_BUCKET_NS);
        used += (size_t)snprintf(line + used, sizeof(line) - used, " %u=%lu", b, (unsigned long)rt.hist[b]);
        if (++n == HIST_PER_LINE) {
            printf("%s\n", line);
            lines++;
            n = 0;
        }
    }
    if (n != 0) {
        printf("%s\n", line);
        lines++;
    }
    printf("rtos-hist: end lines=%u\n", lines);
}

int run(void)
{
    struct pi pi = { .setpoint = 10 * ONE, .kp = 2 * ONE, .ki = ONE / 10 };
    int32_t y = 0;
    const unsigned long total = (unsigned long)periods, skip = warmup > 0 ? (unsigned long)warmup : 0;

    if (tessera_rt_start(&rt, CAP_timer, PERIOD_US) != 0)
        return 2;
    printf("control: 1 kHz PI loop, %s periods%s\n", total ? "counting" : "for ever", skip ? ", warming up" : "");
    for (unsigned long k = 1; total == 0 || k <= skip + total; k++) {
        tessera_rt_wait(&rt);
        if (k % 10000 == 500)
            pi.setpoint = pi.setpoint == 10 * ONE ? 20 * ONE : 10 * ONE;
        control_step(&pi, &y);
        if (k == skip) {
            /* The measured run starts here: forget the warm-up's figures,
             * keep the releases (the timer runs on). */
            uint64_t missed = rt.misses;
            rt.periods = rt.misses = rt.worst_ns = 0;
            memset(rt.hist, 0, sizeof(rt.hist));
            printf("control: measuring from period %lu (%lu missed while warming up)\n", k + 1,
                   (unsigned long)missed);
            rt.active = 0;          /* this activation belongs to the warm-up */
            continue;
        }
        if (k > skip && (k - skip) % 1000 == 0 && (total == 0 || k != skip + total))
            tessera_rt_print(&rt);
    }
    tessera_rt_end(&rt);
    int32_t err = pi.setpoint - y;
    printf("control: %s set point %d\n", err < ONE / 20 && err > -ONE / 20 ? "settled at" : "NOT SETTLED at",
           (int)(pi.setpoint >> Q));
    tessera_rt_print(&rt);
    print_histogram();
    printf("control: done\n");
    return rt.misses == 0 ? 0 : 1;
}
