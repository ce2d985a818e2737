/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * x86_64 instructions the kernel needs, as inline functions: port I/O, MSRs,
 * control registers, CPUID, the TSC, and MMIO through the device window.
 */
#ifndef ARCH_CPU_H
#define ARCH_CPU_H

#include <stdint.h>
#include <arch/layout.h>

#define MSR_APIC_BASE   0x0000001b
#define MSR_EFER        0xc0000080
#define MSR_STAR        0xc0000081
#define MSR_LSTAR       0xc0000082
#define MSR_FMASK       0xc0000084
#define MSR_TSC_AUX     0xc0000103

#define EFER_SCE        (1u << 0)
#define EFER_NXE        (1u << 11)

#define CR0_MP          (1u << 1)
#define CR0_EM          (1u << 2)
#define CR0_TS          (1u << 3)
#define CR0_NE          (1u << 5)
#define CR0_WP          (1u << 16)
#define CR4_PGE         (1u << 7)
#define CR4_OSFXSR      (1u << 9)
#define CR4_OSXMMEXCPT  (1u << 10)
#define CR4_UMIP        (1u << 11)
#define CR4_FSGSBASE    (1u << 16)
#define CR4_PCIDE       (1u << 17)
#define CR4_SMEP        (1u << 20)
#define CR4_SMAP        (1u << 21)

#define RFLAGS_IF       (1u << 9)

static inline void outb(uint16_t port, uint8_t v)
{
    __asm__ volatile("outb %0, %1" :: "a"(v), "Nd"(port));
}

static inline uint8_t inb(uint16_t port)
{
    uint8_t v;
    __asm__ volatile("inb %1, %0" : "=a"(v) : "Nd"(port));
    return v;
}

static inline uint64_t rdmsr(uint32_t msr)
{
    uint32_t lo, hi;
    __asm__ volatile("rdmsr" : "=a"(lo), "=d"(hi) : "c"(msr));
    return ((uint64_t)hi << 32) | lo;
}

static inline void wrmsr(uint32_t msr, uint64_t v)
{
    __asm__ volatile("wrmsr" :: "c"(msr), "a"((uint32_t)v), "d"((uint32_t)(v >> 32)) : "memory");
}

#define CR_READ(n) ({ uint64_t v_; __asm__ volatile("mov %%cr" #n ", %0" : "=r"(v_)); v_; })
#define CR_WRITE(n, v) __asm__ volatile("mov %0, %%cr" #n :: "r"((uint64_t)(v)) : "memory")

struct cpuid {
    uint32_t eax, ebx, ecx, edx;
};

/* FS.base, which holds the running thread's TLS base (CR4.FSGSBASE is on). */
static inline void wrfsbase(uint64_t base)
{
    __asm__ volatile("wrfsbase %0" :: "r"(base) : "memory");
}

static inline struct cpuid cpuid(uint32_t leaf, uint32_t subleaf)
{
    struct cpuid r;
    __asm__ volatile("cpuid" : "=a"(r.eax), "=b"(r.ebx), "=c"(r.ecx), "=d"(r.edx)
                     : "a"(leaf), "c"(subleaf));
    return r;
}

static inline uint64_t rdtsc(void)
{
    uint32_t lo, hi;
    __asm__ volatile("rdtsc" : "=a"(lo), "=d"(hi));
    return ((uint64_t)hi << 32) | lo;
}

/* Kernel pointers: a physical RAM address in the kernel's window and back,
 * and a device register in the device window. */
static inline uintptr_t phys_to_kernel(uintptr_t pa)
{
    return pa + KERNEL_BASE;
}

static inline uintptr_t kernel_to_phys(const void *p)
{
    return (uintptr_t)p - KERNEL_BASE;
}

static inline void mmio_write32(uintptr_t pa, uint32_t v)
{
    *(volatile uint32_t *)(pa - DEVICE_WINDOW_PHYS + DEVICE_WINDOW) = v;
}

static inline uint32_t mmio_read32(uintptr_t pa)
{
    return *(volatile uint32_t *)(pa - DEVICE_WINDOW_PHYS + DEVICE_WINDOW);
}

#endif
