/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * x86_64 system-call stubs (kernel/api.yaml): the number in rax; rdi =
 * capability, rsi = message info, rdx, r10, r8, r9 = MR0-MR3 in; rdi = error,
 * rsi = info, rdx, r10, r8, r9 = MR0-MR3, rbx = badge out. SYSCALL itself
 * overwrites rcx and r11.
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
    __asm__ volatile("syscall" : "+D"(a0), "+a"(n) :: "rcx", "r11", "memory");
    return (long)a0;
}

static inline long tessera_syscall2(uintptr_t n, uintptr_t a0, uintptr_t a1)
{
    __asm__ volatile("syscall" : "+D"(a0), "+S"(a1), "+a"(n) :: "rcx", "r11", "memory");
    return (long)a0;
}

/* Every IPC call: the message in and out of rsi, rdx, r10, r8, r9 and rbx. */
static inline long tessera_syscall_msg(uintptr_t n, uintptr_t cap, tessera_msg_t *m)
{
    uintptr_t info = m->info, mr0 = m->mr[0], badge = m->badge;
    register uintptr_t r10 __asm__("r10") = m->mr[1];
    register uintptr_t r8 __asm__("r8") = m->mr[2];
    register uintptr_t r9 __asm__("r9") = m->mr[3];
    __asm__ volatile("syscall"
                     : "+D"(cap), "+S"(info), "+d"(mr0), "+r"(r10), "+r"(r8), "+r"(r9), "+b"(badge),
                       "+a"(n)
                     :: "rcx", "r11", "memory");
    m->info = info;
    m->mr[0] = mr0;
    m->mr[1] = r10;
    m->mr[2] = r8;
    m->mr[3] = r9;
    m->badge = badge;
    return (long)cap;
}

/* The cycle counter: the TSC, which the kernel leaves readable from user mode
 * (under QEMU with -icount shift=0 it counts exactly one per instruction). */
static inline uint32_t tessera_cycles(void)
{
    uint32_t lo, hi;
    __asm__ volatile("rdtsc" : "=a"(lo), "=d"(hi));
    (void)hi;
    return lo;
}

/* The system counter (the TSC as well) and its rate, which the kernel measures
 * at boot and leaves in TSC_AUX in kHz: rdtscp returns it in ecx. */
static inline uint64_t tessera_counter(void)
{
    uint32_t lo, hi;
    __asm__ volatile("lfence; rdtsc" : "=a"(lo), "=d"(hi) :: "memory");
    return ((uint64_t)hi << 32) | lo;
}

static inline uint32_t tessera_counter_freq(void)
{
    uint32_t lo, hi, khz;
    __asm__ volatile("rdtscp" : "=a"(lo), "=d"(hi), "=c"(khz));
    (void)lo;
    (void)hi;
    return khz * 1000u;
}

#endif
