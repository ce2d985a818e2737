/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * A periodic real-time task, measured (docs/realtime.md): its thread's timer
 * releases it every period; each activation records its release time (when
 * the timer was due, on the system counter) and its start time (when it
 * runs), so latency = start - release. A deadline (the next release) passed
 * before the task waits again, or a release that found the task still busy,
 * is a miss. Latencies go into a fixed histogram of TESSERA_RT_BUCKETS
 * buckets of TESSERA_RT_BUCKET_NS each (the last one: that and above), from
 * which p99 comes, as the upper edge of the bucket that holds it.
 *
 *     static struct tessera_rt rt;
 *     tessera_rt_start(&rt, CAP_timer, 1000);     // 1 kHz; needs `x.timer = true;`
 *     for (;;) {
 *         tessera_rt_wait(&rt);                   // the next release
 *         control_step();
 *     }
 *
 * tessera_rt_print() prints exactly one line that tools read:
 *     rtos: periods=N misses=M worst_latency_ns=X p99_latency_ns=Y
 */
#ifndef TESSERA_RT_H
#define TESSERA_RT_H

#include <stdint.h>

#define TESSERA_RT_BUCKETS 1024
#define TESSERA_RT_BUCKET_NS 100u        /* 100 ns resolution, up to 102.4 us */

struct tessera_rt {
    unsigned timer_cap;
    uint32_t freq;                       /* counter ticks per second */
    uint64_t period;                     /* counter ticks */
    uint64_t release;                    /* this activation's release (counter) */
    uint64_t start;                      /* when it started running (counter) */
    int active;                          /* an activation is running */
    uint64_t periods, misses;
    uint64_t worst_ns;
    uint32_t hist[TESSERA_RT_BUCKETS];
};

/* Arm the thread's periodic timer (the first release one period from now).
 * 0, or the kernel's error. */
long tessera_rt_start(struct tessera_rt *rt, unsigned timer_cap, uint32_t period_us);

/* End the running activation (a miss if its deadline has passed) and wait
 * for the next release; on return the new activation has been recorded. 0,
 * or the kernel's error. */
long tessera_rt_wait(struct tessera_rt *rt);

/* End the running activation (a miss if its deadline has passed) and cancel
 * the timer: the task is done. */
void tessera_rt_end(struct tessera_rt *rt);

/* Counter ticks to nanoseconds at rt's counter rate. */
uint64_t tessera_rt_ns(const struct tessera_rt *rt, uint64_t ticks);

/* The 99th-percentile latency in ns (upper bucket edge; worst_ns if it lies
 * in the last bucket). */
uint64_t tessera_rt_p99_ns(const struct tessera_rt *rt);

/* `rtos: periods=N misses=M worst_latency_ns=X p99_latency_ns=Y` on the console. */
void tessera_rt_print(const struct tessera_rt *rt);

#endif
