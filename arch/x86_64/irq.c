// SPDX-License-Identifier: BSD-2-Clause
/*
 * Interrupt dispatch on x86_64. The kernel runs with interrupts off: an
 * interrupt is taken either from a user thread (entry.S saves the thread, then
 * kernel_interrupt() runs) or in the idle loop, between STI and HLT, where the
 * ring-0 trap only notes its vector. Either way the vector is marked pending
 * here and handled by dispatch(): the tick to the timer, every other device
 * vector to the generic kernel (board interrupt = vector - IRQ_VECTOR_BASE),
 * then end of interrupt at the local APIC. Spurious vectors (the local APIC's
 * and the masked legacy PICs') need no EOI.
 */
#include <stdint.h>
#include <arch.h>
#include <arch/cpu.h>
#include <arch/drivers.h>
#include <arch/layout.h>
#include <board_config.h>
#include <kernel/kernel.h>

static uint64_t pending[4];

void irq_mark_pending(unsigned vector)
{
    pending[vector / 64] |= 1ull << (vector % 64);
}

static void handle(unsigned vector)
{
    if (vector >= PIC_VECTOR_BASE)
        return;                         /* spurious: no EOI */
    if (vector == TIMER_VECTOR)
        timer_handle_irq();
    else
        kernel_irq(vector - IRQ_VECTOR_BASE);
    lapic_eoi();
}

static void dispatch(void)
{
    for (unsigned w = 0; w < 4; w++) {
        while (pending[w] != 0) {
            unsigned bit = (unsigned)__builtin_ctzll(pending[w]);
            pending[w] &= pending[w] - 1;
            handle(w * 64 + bit);
        }
    }
}

void arch_handle_interrupts(void)
{
    dispatch();
}

void arch_wait_for_interrupt(void)
{
    /* STI's one-instruction shadow makes STI; HLT atomic: no wake-up is lost. */
    __asm__ volatile("sti; hlt; cli" ::: "memory");
    dispatch();
}

void arch_irq_init(void)
{
    irqc_init();
}

void arch_irq_enable(unsigned irq)
{
    if (irq == BOARD_TIMER_IRQ)
        lapic_timer_mask(0);
    else
        irqc_enable(irq);
}

void arch_irq_disable(unsigned irq)
{
    if (irq == BOARD_TIMER_IRQ)
        lapic_timer_mask(1);
    else
        irqc_disable(irq);
}
