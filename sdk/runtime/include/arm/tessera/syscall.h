/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * ARM system-call stubs (kernel/api.yaml): the number in r7; r0 = capability,
 * r1 = message info, r2-r5 = MR0-MR3 in; r0 = error, r1 = info, r2-r5 = MR0-MR3,
 * r6 = badge out. Components are compiled in ARM state, where r7 is free.
 */
#ifndef TESSERA_SYSCALL_H
#define TESSERA_SYSCALL_H

#include <stdint.h>

/* A message as the registers carry it (MR4 onwards live in the IPC buffer). */
typedef struct {
    uintptr_t info;
    uintptr_t mr[4];
    uintptr_t badge;
} tessera_msg_t;

static inline long tessera_syscall1(uintptr_t n, uintptr_t a0)
{
    register uintptr_t r0 __asm__("r0") = a0;
    register uintptr_t r7 __asm__("r7") = n;
    __asm__ volatile("svc #0" : "+r"(r0) : "r"(r7) : "memory");
    return (long)r0;
}

static inline long tessera_syscall2(uintptr_t n, uintptr_t a0, uintptr_t a1)
{
    register uintptr_t r0 __asm__("r0") = a0;
    register uintptr_t r1 __asm__("r1") = a1;
    register uintptr_t r7 __asm__("r7") = n;
    __asm__ volatile("svc #0" : "+r"(r0), "+r"(r1) : "r"(r7) : "memory");
    return (long)r0;
}

/* Every IPC call: the message in and out of r1-r6. */
static inline long tessera_syscall_msg(uintptr_t n, uintptr_t cap, tessera_msg_t *m)
{
    register uintptr_t r0 __asm__("r0") = cap;
    register uintptr_t r1 __asm__("r1") = m->info;
    register uintptr_t r2 __asm__("r2") = m->mr[0];
    register uintptr_t r3 __asm__("r3") = m->mr[1];
    register uintptr_t r4 __asm__("r4") = m->mr[2];
    register uintptr_t r5 __asm__("r5") = m->mr[3];
    register uintptr_t r6 __asm__("r6") = m->badge;
    register uintptr_t r7 __asm__("r7") = n;
    __asm__ volatile("svc #0"
                     : "+r"(r0), "+r"(r1), "+r"(r2), "+r"(r3), "+r"(r4), "+r"(r5), "+r"(r6)
                     : "r"(r7) : "memory");
    m->info = r1;
    m->mr[0] = r2;
    m->mr[1] = r3;
    m->mr[2] = r4;
    m->mr[3] = r5;
    m->badge = r6;
    return (long)r0;
}

/* The cycle counter (PMCCNTR; the kernel enables user access) and the
 * virtual counter (CNTVCT). */
static inline uint32_t tessera_cycles(void)
{
    uint32_t v;
    __asm__ volatile("mrc p15, 0, %0, c9, c13, 0" : "=r"(v));
    return v;
}

static inline uint64_t tessera_counter(void)
{
    uint32_t lo, hi;
    __asm__ volatile("isb; mrrc p15, 1, %0, %1, c14" : "=r"(lo), "=r"(hi) :: "memory");
    return ((uint64_t)hi << 32) | lo;
}

static inline uint32_t tessera_counter_freq(void)
{
    uint32_t v;
    __asm__ volatile("mrc p15, 0, %0, c14, c0, 0" : "=r"(v));
    return v;
}

#endif
