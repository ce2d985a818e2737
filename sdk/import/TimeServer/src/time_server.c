// SPDX-License-Identifier: BSD-2-Clause
/*
 * Tessera's TimeServer: CAmkES's Timer procedure over the kernel's one timer
 * per thread. Every client (told apart by its badge, 1, 2, ...) has
 * timers_per_client timers; each is off, one-shot or periodic, with a deadline
 * in nanoseconds of the system counter. The serving thread keeps its own
 * kernel timer armed for the earliest deadline; when it fires, the glue calls
 * the_timer__timeout() between requests, which completes every timer that is
 * due: its bit is set in the client's completed() word and the client's
 * notification is signalled. One thread does all of it, so nothing is locked.
 */
#include <camkes.h>
#include <stdint.h>
#include <stdio.h>

#define MAX_CLIENTS 32
#define MAX_TIMERS 32                   /* completed() returns one bit per timer */

enum mode { OFF, ONESHOT, PERIODIC };

struct timeout {
    enum mode mode;
    uint64_t deadline;                  /* ns of the system counter */
    uint64_t period;
};

/* seL4TimeServer's glue; absent when no client is connected. */
void the_timer_emit(unsigned int badge) __attribute__((weak));

static struct timeout timeouts[MAX_CLIENTS][MAX_TIMERS];
static uint32_t completed_bits[MAX_CLIENTS];

static uint64_t now_ns(void)
{
    uint64_t count = tessera_counter();
    uint64_t hz = tessera_counter_freq();

    return count / hz * 1000000000ull + count % hz * 1000000000ull / hz;
}

/* The timer `tid` of the calling client, or NULL (and a message) if there is none. */
static struct timeout *caller_timer(int tid, const char *what)
{
    seL4_Word badge = the_timer_get_sender_id();
    int per_client = timers_per_client < MAX_TIMERS ? timers_per_client : MAX_TIMERS;

    if (badge < 1 || badge > MAX_CLIENTS || tid < 0 || tid >= per_client) {
        printf("%s: %s: no timer %d for client %u (timers 0-%d)\n", get_instance_name(), what, tid,
               (unsigned)badge, per_client - 1);
        return NULL;
    }
    return &timeouts[badge - 1][tid];
}

/* Arm this thread's kernel timer for the earliest deadline, or cancel it. */
static void rearm(uint64_t now)
{
    uint64_t first = UINT64_MAX;

    for (int c = 0; c < MAX_CLIENTS; c++)
        for (int t = 0; t < MAX_TIMERS; t++)
            if (timeouts[c][t].mode != OFF && timeouts[c][t].deadline < first)
                first = timeouts[c][t].deadline;
    if (first == UINT64_MAX) {
        tessera_timer_set(0, 0);
        return;
    }
    uint64_t us = first > now ? (first - now + 999) / 1000 : 1;
    tessera_timer_set(us > UINT32_MAX ? UINT32_MAX : (uint32_t)us, 0);
}

static void complete(int client, int tid, uint64_t now)
{
    struct timeout *t = &timeouts[client][tid];

    completed_bits[client] |= 1u << tid;
    if (t->mode == PERIODIC) {
        t->deadline += t->period;
        if (t->deadline <= now)                 /* fell behind: skip, do not storm */
            t->deadline = now + t->period;
    } else {
        t->mode = OFF;
    }
    if (the_timer_emit != NULL)
        the_timer_emit((unsigned)client + 1);
}

void the_timer__timeout(void)
{
    uint64_t now = now_ns();

    for (int c = 0; c < MAX_CLIENTS; c++)
        for (int t = 0; t < MAX_TIMERS; t++)
            if (timeouts[c][t].mode != OFF && timeouts[c][t].deadline <= now)
                complete(c, t, now);
    rearm(now);
}

static int start(int tid, enum mode mode, uint64_t deadline, uint64_t period, const char *what)
{
    struct timeout *t = caller_timer(tid, what);
    uint64_t now = now_ns();

    if (t == NULL)
        return -1;
    *t = (struct timeout){ mode, deadline, period };
    if (deadline <= now)
        the_timer__timeout();                   /* already due: complete it now */
    else
        rearm(now);
    return 0;
}

int the_timer_oneshot_relative(int tid, uint64_t ns)
{
    return start(tid, ONESHOT, now_ns() + ns, 0, "oneshot_relative");
}

int the_timer_oneshot_absolute(int tid, uint64_t ns)
{
    return start(tid, ONESHOT, ns, 0, "oneshot_absolute");
}

int the_timer_periodic(int tid, uint64_t ns)
{
    if (ns == 0)
        return -1;
    return start(tid, PERIODIC, now_ns() + ns, ns, "periodic");
}

int the_timer_stop(int tid)
{
    struct timeout *t = caller_timer(tid, "stop");

    if (t == NULL)
        return -1;
    t->mode = OFF;
    rearm(now_ns());
    return 0;
}

unsigned int the_timer_completed(void)
{
    seL4_Word badge = the_timer_get_sender_id();

    if (badge < 1 || badge > MAX_CLIENTS)
        return 0;
    unsigned int bits = completed_bits[badge - 1];
    completed_bits[badge - 1] = 0;
    return bits;
}

uint64_t the_timer_time(void)
{
    return now_ns();
}

#if defined(__x86_64__)
uint64_t the_timer_tsc_frequency(void)
{
    return tessera_counter_freq();
}
#endif
