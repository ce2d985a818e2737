// SPDX-License-Identifier: BSD-2-Clause
/*
 * Periodic real-time tasks, measured (tessera/rt.h). The releases are computed
 * here, not read from the kernel: the first is the counter at
 * tessera_rt_start() plus a period (the kernel arms its timer a few
 * instructions later, so a latency is never under-reported), each next one a
 * period on, as the kernel's periodic timer advances its deadline.
 */
#include <stdio.h>
#include <string.h>
#include <tessera.h>
#include <tessera/rt.h>

uint64_t tessera_rt_ns(const struct tessera_rt *rt, uint64_t ticks)
{
    return ticks * 1000000000ull / rt->freq;
}

long tessera_rt_start(struct tessera_rt *rt, unsigned timer_cap, uint32_t period_us)
{
    memset(rt, 0, sizeof(*rt));
    rt->timer_cap = timer_cap;
    rt->freq = tessera_counter_freq();
    rt->period = (uint64_t)period_us * rt->freq / 1000000u;
    rt->release = tessera_counter();     /* the one before the first */
    return tessera_timer_set(period_us, period_us);
}

static void record(struct tessera_rt *rt, uint64_t latency)
{
    uint64_t ns = tessera_rt_ns(rt, latency);
    uint64_t b = ns / TESSERA_RT_BUCKET_NS;

    rt->periods++;
    if (ns > rt->worst_ns)
        rt->worst_ns = ns;
    rt->hist[b < TESSERA_RT_BUCKETS ? b : TESSERA_RT_BUCKETS - 1]++;
}

/* The running activation ends: a miss if it ran past its deadline. */
static void finish(struct tessera_rt *rt)
{
    if (rt->active && tessera_counter() > rt->release + rt->period)
        rt->misses++;
    rt->active = 0;
}

void tessera_rt_end(struct tessera_rt *rt)
{
    finish(rt);
    tessera_timer_set(0, 0);
}

long tessera_rt_wait(struct tessera_rt *rt)
{
    uintptr_t bits;

    finish(rt);
    long err = tessera_wait(rt->timer_cap, &bits);
    uint64_t now = tessera_counter();
    if (err != 0)
        return err;
    rt->release += rt->period;
    while (now - rt->release >= rt->period && now > rt->release) {
        rt->misses++;                    /* a release that found it busy: skipped */
        rt->release += rt->period;
    }
    rt->start = now;
    rt->active = 1;
    record(rt, now > rt->release ? now - rt->release : 0);
    return 0;
}

uint64_t tessera_rt_p99_ns(const struct tessera_rt *rt)
{
    uint64_t want = rt->periods - rt->periods / 100, seen = 0;

    if (rt->periods == 0)
        return 0;
    for (unsigned b = 0; b < TESSERA_RT_BUCKETS - 1; b++) {
        seen += rt->hist[b];
        if (seen >= want) {
            uint64_t edge = (uint64_t)(b + 1) * TESSERA_RT_BUCKET_NS;
            return edge < rt->worst_ns ? edge : rt->worst_ns;
        }
    }
    return rt->worst_ns;
}

void tessera_rt_print(const struct tessera_rt *rt)
{
    printf("rtos: periods=%lu misses=%lu worst_latency_ns=%lu p99_latency_ns=%lu\n",
           (unsigned long)rt->periods, (unsigned long)rt->misses, (unsigned long)rt->worst_ns,
           (unsigned long)tessera_rt_p99_ns(rt));
}
