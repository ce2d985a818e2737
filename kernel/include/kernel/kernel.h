/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * Kernel-wide entry points called by the architecture layer.
 */
#ifndef KERNEL_KERNEL_H
#define KERNEL_KERNEL_H

#include <stdint.h>
#include <arch.h>

/* The first C function on the boot CPU (called by arch entry code). */
_Noreturn void kernel_main(void);

/* A system call from the current thread; its registers are in current->ctx. */
_Noreturn void kernel_syscall(void);

/* A fault taken by the current thread (kind and details filled by the arch). */
struct fault_info {
    const char *kind;            /* "data abort", "prefetch abort", "undefined instruction" */
    uintptr_t label;             /* FAULT_* of the fault message */
    uintptr_t detail_code;       /* FAULT_MR_DETAIL of the fault message (arch-specific detail) */
    uintptr_t pc;
    uintptr_t address;           /* faulting address where the kind has one */
    uintptr_t syndrome;          /* HSR on ARM, error code on x86_64 */
    const char *detail;          /* decoded syndrome, e.g. "translation fault, level 2" */
};
_Noreturn void kernel_user_fault(const struct fault_info *f);

/* An exception in the kernel itself: report and stop. */
_Noreturn void kernel_exception(const struct fault_info *f, const char *mode);

/* An interrupt was taken while a user thread ran. */
_Noreturn void kernel_interrupt(void);

/* The kernel tick (from the timer driver). */
void kernel_tick(void);

/* A device interrupt `irq` (board numbering) other than the tick: masked until
 * acknowledged, and signalled to its notification. */
void kernel_irq(unsigned irq);

/* Unmask the interrupt of IRQ object `index` (irq_ack). */
void irq_ack(unsigned index);

/* Enable every interrupt the spec routes to a notification; boot only. */
void irq_init_all(void);

/* Ticks since boot. Only boot reads it, in a loop around
 * arch_wait_for_interrupt(), a call that changes it: it is read again after
 * each, with no need for volatile. */
extern uint64_t kernel_ticks;

#endif
