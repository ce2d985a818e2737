/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * The driver seams inside arch/arm. A board picks one file per seam in its
 * board.yaml (console, interrupt controller); CMake compiles just that file.
 */
#ifndef ARCH_DRIVERS_H
#define ARCH_DRIVERS_H

#include <stdint.h>

/* Console UART (drivers/pl011.c). */
void uart_init(void);
void uart_putc(char c);
int uart_getc(void);                    /* -1 when nothing was received */
void uart_rx_interrupt_enable(void);

/* Interrupt controller (drivers/gicv2.c or drivers/bcm2836.c). Interrupt numbers
 * are the board's, as board.yaml documents them. */
void irqc_init(void);
void irqc_enable(unsigned irq);
void irqc_disable(unsigned irq);
int irqc_claim(void);                  /* the next pending interrupt, or -1 */
void irqc_complete(unsigned irq);

/* The tick's fast path (fastpath.S, arm_fastpath_irq) claims the interrupt
 * itself: one load of `claim`, the tick's when (value & mask) == match, and
 * completed by storing the value read to `complete`. */
struct irqc_tick_claim {
    uintptr_t claim;
    uint32_t mask, match;
    uintptr_t complete;
};
void irqc_tick_claim(struct irqc_tick_claim *c);
/* The interrupt a raw value of `claim` names, as irqc_claim() would return it
 * (the fast path's fallback, arm_interrupt_claimed()). */
int irqc_claimed(uint32_t raw);

/* Generic timer (timer.c). */
void timer_handle_irq(void);

/* The tick's state, which arm_fastpath_irq reads and advances too: the next
 * tick's counter value, the period, and how to claim the tick. */
struct arm_tick {
    uint64_t deadline;
    uint64_t period;
    struct irqc_tick_claim irqc;
};
extern struct arm_tick arm_tick;

/* In assembly (cache.S, vectors.S). */
void arm_dcache_invalidate_all(void);
void arm_return_to_user(void *ctx) __attribute__((noreturn));
void arm_semihost_exit(uint32_t op, const volatile uint32_t *block);
extern char arm_semihost_hlt[];
extern char hyp_vectors[];

/* Traps from PL0, entered from vectors.S with the user's registers saved in
 * current->ctx (trap.c). */
_Noreturn void arm_user_trap(void);

/* Hyp translation tables (mmu.c). */
void mmu_init(void);

/* PMU (pmu.c). */
void pmu_init(void);

#endif
