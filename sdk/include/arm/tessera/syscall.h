/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * ARM system-call stubs: the number in r7, arguments in r0-r5, `svc #0`, the
 * result in r0. (The x86_64 runtime provides the same functions.)
 */
#ifndef TESSERA_SYSCALL_H
#define TESSERA_SYSCALL_H

#include <stdint.h>

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

#endif
