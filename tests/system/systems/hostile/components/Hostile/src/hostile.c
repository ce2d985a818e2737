// SPDX-License-Identifier: BSD-2-Clause
/*
 * Random system calls from a fixed-seed PRNG, each checked against a model of
 * what this component's capabilities allow (docs/reliability.md, "Hostile
 * input"). The model is the capability table below (the slots of the
 * generated tessera_caps.h with the types and rights the description gives
 * them) and the address-space layout of kernel/api.yaml; a result other than
 * the model's is a WRONG line, and the summary `hostile: calls=N wrong=W` ends
 * the run.
 *
 * Every call number of kernel/api.yaml is issued but thread_exit (which would
 * end the run), with numbers beyond the last; capability indices are valid,
 * empty, beyond the table and arbitrary; pointers lie in its own read-write,
 * read-only, stack, IPC-buffer and shared memory, or below the image, above
 * the stacks, in guard pages, across the ends of mapped regions, in the
 * kernel's addresses, non-canonical (x86_64), misaligned, with lengths from 0
 * to 2^32 and beyond. A call that would block for good (a receive nobody
 * sends to, a send nobody receives) is drawn again instead; a wait on its own
 * timer is preceded by arming it.
 */
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <camkes.h>

#define NCALLS 20                        /* SYS_DEBUG_WRITE .. SYS_CONSOLE_READ */
#define NERRORS 12

struct capmodel {
    unsigned type;
    unsigned rights;
};

/* The table as the description makes it: slot 0 is empty. */
static struct capmodel table[16];
static unsigned ncaps;

static void cap(unsigned slot, unsigned type, unsigned rights)
{
    table[slot] = (struct capmodel){ type, rights };
    if (slot + 1 > ncaps)
        ncaps = slot + 1;
}

static uint64_t state;

static uint64_t rnd(void)
{
    /* xorshift64* */
    state ^= state >> 12;
    state ^= state << 25;
    state ^= state >> 27;
    return state * 0x2545f4914f6cdd1dull;
}

static uintptr_t below(uintptr_t n)
{
    return n ? (uintptr_t)(rnd() % n) : 0;
}

static unsigned long issued, wrong, per_call[NCALLS + 1], per_error[NERRORS + 1];
static int victim_suspended, timer_armed;
static uintptr_t tls_saved;
static char rw_buf[2 * 4096];
static const char ro_dots[64] = "................................................................";

static void check(unsigned n, uintptr_t a0, uintptr_t a1, long got, long want, long also)
{
    issued++;
    per_call[n < NCALLS ? n : NCALLS]++;
    per_error[got >= 0 && got < NERRORS ? got : NERRORS]++;
    if (got == want || got == also)
        return;
    if (++wrong <= 20)
        printf("hostile: WRONG call %u (%#lx, %#lx): got %ld want %ld\n", n, (unsigned long)a0,
               (unsigned long)a1, got, want);
}

static long sys(uintptr_t n, uintptr_t a0, tessera_msg_t *m)
{
    return tessera_syscall_msg(n, a0, m);
}

/* ---- capability indices ---- */

static uintptr_t random_cap(void)
{
    switch (below(8)) {
    case 0: return (uintptr_t)rnd();
    case 1: return ncaps + below(4);
    case 2: return (uintptr_t)-1 - below(4);
    case 3: return 0;
    default: return below(ncaps);
    }
}

/* The error for `index` if it does not name a `type` with `rights`; else OK. */
static long cap_error(uintptr_t index, unsigned type, unsigned rights)
{
    if (index >= ncaps || table[index].type == OBJ_EMPTY)
        return ERR_INVALID_CAP;
    if (table[index].type != type)
        return ERR_WRONG_TYPE;
    if ((table[index].rights & rights) != rights)
        return ERR_MISSING_RIGHT;
    return ERR_OK;
}

/* ---- pointers ---- */

struct range {
    uintptr_t va;
    uintptr_t len;
    long want;                          /* for debug_write with len <= DEBUG_WRITE_MAX */
};

static uintptr_t stack_va;

static struct range random_range(void)
{
    uintptr_t ipc = (uintptr_t)tessera_ipc_buffer();
    uintptr_t small = below(64) == 0 ? 1 + below(3) : 0;  /* valid writes print: few and short */
    uintptr_t len = below(DEBUG_WRITE_MAX + 1);

    switch (below(16)) {
    case 0:                             /* its own read-write memory, misaligned too */
        return (struct range){ (uintptr_t)rw_buf + below(sizeof(rw_buf) - 4), small, ERR_OK };
    case 1:                             /* read-only data */
        return (struct range){ (uintptr_t)ro_dots + below(sizeof(ro_dots) - 4), small, ERR_OK };
    case 2:                             /* its stack */
        return (struct range){ stack_va + below(60), small, ERR_OK };
    case 3:                             /* the shared dataport, its last bytes included */
        return (struct range){ (uintptr_t)flag + 4096 - 4 + below(4), 0, ERR_OK };
    case 4:                             /* below the image: NULL and the page below */
        return (struct range){ below(LAYOUT_IMAGE_BASE - DEBUG_WRITE_MAX), len, ERR_BAD_ADDRESS };
    case 5:                             /* across the start of the image */
        return (struct range){ LAYOUT_IMAGE_BASE - 1 - below(16), 17 + below(64), ERR_BAD_ADDRESS };
    case 6:                             /* the guard page after its IPC buffer */
        return (struct range){ ipc + 4096 + below(4096 - DEBUG_WRITE_MAX), len, ERR_BAD_ADDRESS };
    case 7:                             /* across the end of its IPC buffer */
        return (struct range){ ipc + 4096 - 1 - below(8), 9 + below(64), ERR_BAD_ADDRESS };
    case 8:                             /* across the top of the stacks */
        return (struct range){ LAYOUT_STACK_REGION_TOP - 1 - below(8), 9 + below(64), ERR_BAD_ADDRESS };
    case 9:                             /* between the stacks and the dataports */
        return (struct range){ LAYOUT_STACK_REGION_TOP + below(LAYOUT_DATAPORT_BASE - LAYOUT_STACK_REGION_TOP -
                                                              DEBUG_WRITE_MAX), len, ERR_BAD_ADDRESS };
    case 10:                            /* across the end of the dataport */
        return (struct range){ (uintptr_t)flag + 4096 - 1 - below(8), 9 + below(64), ERR_BAD_ADDRESS };
    case 11:                            /* the kernel's addresses, and the top of the address space */
#if defined(__x86_64__)
        return (struct range){ 0xffffffff80000000ull + below(1u << 30), len, ERR_BAD_ADDRESS };
#else
        return (struct range){ 0x40000000u + below(0xbfffff00u), len, ERR_BAD_ADDRESS };
#endif
    case 12:                            /* wrapping around the end of the address space */
        return (struct range){ (uintptr_t)0 - 1 - below(64), 65 + below(128), ERR_BAD_ADDRESS };
#if defined(__x86_64__)
    case 13:                            /* non-canonical */
        return (struct range){ 0x0000800000000000ull + (uintptr_t)(rnd() >> 20), len, ERR_BAD_ADDRESS };
#endif
    case 14:                            /* too long, wherever it points */
        return (struct range){ (uintptr_t)rw_buf, DEBUG_WRITE_MAX + 1 + (rnd() & 1 ? below(64) : (uintptr_t)rnd()),
                               ERR_MESSAGE_TOO_LONG };
    default:                            /* a zero-length write: the pointer is still checked */
        return (struct range){ (uintptr_t)rw_buf + below(sizeof(rw_buf)), 0, ERR_OK };
    }
}

/* ---- thread pointer ---- */

static uintptr_t tls_read(void)
{
    uintptr_t v;
#if defined(__x86_64__)
    __asm__ volatile("mov %%fs:0, %0" : "=r"(v));
#else
    __asm__ volatile("mrc p15, 0, %0, c13, c0, 3" : "=r"(v));
#endif
    return v;
}

/* ---- one random call ---- */

static uintptr_t random_info(void)
{
    uintptr_t info = (uintptr_t)rnd();

    if (below(4) != 0)                  /* mostly a length that fits */
        info = (info & ~(uintptr_t)MSG_LENGTH_MASK) | below(MSG_MAX_WORDS + 1);
    return info;
}

/* 1 when a call was issued and checked, 0 when it was drawn again. */
static int one(void)
{
    uintptr_t n = below(NCALLS + 2);
    tessera_msg_t m = { .info = random_info(), .mr = { rnd(), rnd(), rnd(), rnd() }, .badge = rnd() };
    uintptr_t c = random_cap();
    int fits = MSG_LENGTH(m.info) <= MSG_MAX_WORDS;
    long want, err;

    if (n >= NCALLS) {                  /* beyond the last call */
        n = NCALLS + (below(2) ? below(1000) : (uintptr_t)rnd() >> 1);
        check(NCALLS, n, c, sys(n, c, &m), ERR_INVALID_CALL, -1);
        return 1;
    }
    switch (n) {
    case SYS_DEBUG_WRITE: {
        struct range r = random_range();
        m.info = r.len;
        check(n, r.va, r.len, sys(n, r.va, &m), r.want, -1);
        return 1;
    }
    case SYS_THREAD_EXIT:
        return 0;
    case SYS_TLS_SET:
        check(n, c, 0, tessera_tls_set(rnd()), ERR_OK, -1);
        check(n, tls_saved, 0, tessera_tls_set(tls_saved), ERR_OK, -1);
        return 1;
    case SYS_YIELD:
        check(n, 0, 0, sys(n, c, &m), ERR_OK, -1);
        return 1;
    case SYS_CALL:
    case SYS_SEND:
    case SYS_NB_SEND:
        want = cap_error(c, OBJ_ENDPOINT, n == SYS_CALL ? RIGHT_SEND | RIGHT_GRANT : RIGHT_SEND);
        if (want == ERR_OK && !fits)
            want = ERR_MESSAGE_TOO_LONG;
        if (want == ERR_OK && c != CAP_srv) {           /* nobody receives there */
            if (n != SYS_NB_SEND)
                return 0;
            want = ERR_WOULD_BLOCK;
        }
        check(n, c, m.info, sys(n, c, &m), want, -1);
        return 1;
    case SYS_RECV:
    case SYS_NB_RECV:
    case SYS_REPLY_RECV:
        want = cap_error(c, OBJ_ENDPOINT, RIGHT_RECEIVE);
        if (want == ERR_OK && n == SYS_REPLY_RECV && !fits)
            want = ERR_MESSAGE_TOO_LONG;
        if (want == ERR_OK) {                           /* nobody sends to it */
            if (n != SYS_NB_RECV)
                return 0;
            want = ERR_WOULD_BLOCK;
        }
        check(n, c, m.info, sys(n, c, &m), want, -1);
        return 1;
    case SYS_REPLY:                                     /* it never holds a reply right */
        check(n, c, m.info, sys(n, c, &m), fits ? ERR_NO_REPLY : ERR_MESSAGE_TOO_LONG, -1);
        return 1;
    case SYS_SIGNAL:
        check(n, c, 0, sys(n, c, &m), cap_error(c, OBJ_NOTIFICATION, RIGHT_SIGNAL), -1);
        return 1;
    case SYS_WAIT:
        want = cap_error(c, OBJ_NOTIFICATION, RIGHT_WAIT);
        if (want == ERR_OK) {                           /* CAP_timer: arm it first */
            check(SYS_TIMER_SET, 1, 0, tessera_timer_set(1 + below(1000), 0), ERR_OK, -1);
            timer_armed = 1;
        }
        check(n, c, 0, sys(n, c, &m), want, -1);
        return 1;
    case SYS_POLL:
        check(n, c, 0, sys(n, c, &m), cap_error(c, OBJ_NOTIFICATION, RIGHT_WAIT), -1);
        return 1;
    case SYS_IRQ_ACK:
        check(n, c, 0, sys(n, c, &m), cap_error(c, OBJ_IRQ, RIGHT_ACK), -1);
        return 1;
    case SYS_TIMER_SET: {               /* it has a timer: any delay and period is accepted */
        uintptr_t delay = below(4) ? below(5000) : (uintptr_t)rnd();
        uintptr_t period = below(4) ? 0 : below(3) ? 1000 + below(5000) : (uintptr_t)rnd();
        check(n, delay, period, tessera_syscall2(n, delay, period), ERR_OK, -1);
        return 1;
    }
    case SYS_THREAD_SUSPEND:
        want = cap_error(c, OBJ_THREAD, RIGHT_CONTROL);
        err = sys(n, c, &m);
        check(n, c, 0, err, want, -1);
        if (err == ERR_OK && want == ERR_OK)
            victim_suspended = 1;
        return 1;
    case SYS_THREAD_RESUME:
        want = cap_error(c, OBJ_THREAD, RIGHT_CONTROL);
        if (want == ERR_OK && !victim_suspended)
            want = ERR_ILLEGAL_OPERATION;
        err = sys(n, c, &m);
        check(n, c, 0, err, want, -1);
        if (err == ERR_OK && want == ERR_OK)
            victim_suspended = 0;
        return 1;
    case SYS_VCPU_INJECT:               /* its only thread capability is not a vCPU's */
        want = cap_error(c, OBJ_THREAD, RIGHT_CONTROL);
        check(n, c, 0, tessera_syscall2(n, c, (uintptr_t)rnd()), want == ERR_OK ? ERR_WRONG_TYPE : want, -1);
        return 1;
    case SYS_CONSOLE_READ: {            /* not the console's reader, whatever the buffer */
        struct range r = random_range();
        check(n, r.va, r.len, tessera_syscall2(n, r.va, r.len), ERR_ILLEGAL_OPERATION, -1);
        return 1;
    }
    }
    return 0;
}

int run(void)
{
    volatile uint32_t *f = (volatile uint32_t *)flag;
    char here[64];
    unsigned long target = (unsigned long)calls;

    cap(CAP_srv, OBJ_ENDPOINT, RIGHT_SEND | RIGHT_GRANT);
    cap(CAP_mine, OBJ_ENDPOINT, RIGHT_RECEIVE);
    cap(CAP_noise, OBJ_NOTIFICATION, RIGHT_SIGNAL);
    cap(CAP_timer, OBJ_NOTIFICATION, RIGHT_WAIT);
    cap(CAP_thread_victim, OBJ_THREAD, RIGHT_CONTROL);
    memset(rw_buf, '.', sizeof(rw_buf));
    memset(here, '.', sizeof(here));
    stack_va = (uintptr_t)here;
    tls_saved = tls_read();
    state = (uint64_t)(unsigned)seed * 0x9e3779b97f4a7c15ull + 1;

    uint32_t beats = f[1];
    printf("hostile: %lu random system calls, seed %#x, %u capabilities\n", target, (unsigned)seed, ncaps);
    while (issued < target)
        one();
    if (victim_suspended)
        tessera_thread_resume(CAP_thread_victim);
    tessera_timer_set(0, 0);
    beats = f[1] - beats;
    printf("\nhostile: per call:");
    for (unsigned i = 0; i <= NCALLS; i++)
        printf(" %lu", per_call[i]);
    printf("\nhostile: per result:");
    for (unsigned i = 0; i <= NERRORS; i++)
        printf(" %lu", per_error[i]);
    printf("\nhostile: heartbeat beat %u times meanwhile\n", (unsigned)beats);
    printf("hostile: calls=%lu wrong=%lu\n", issued, wrong);
    f[0] = 1;
    tessera_msg_t m = { 0 };
    tessera_call(CAP_srv, &m);          /* echoer's last message */
    return wrong != 0;
}
