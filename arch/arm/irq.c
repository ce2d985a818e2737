// SPDX-License-Identifier: BSD-2-Clause
/*
 * Interrupt dispatch on ARM: claim every pending interrupt from the board's
 * controller (drivers/gicv2.c or drivers/bcm2836.c), hand the tick to the
 * timer and every other interrupt to the generic kernel, then complete it.
 * The kernel never takes an IRQ exception in Hyp: it claims one interrupt
 * here after a user thread was interrupted, or every pending one after wfi
 * when idle.
 */
#include <arch.h>
#include <arch/cpu.h>
#include <arch/drivers.h>
#include <arch/vcpu.h>
#include <kernel/console.h>
#include <board_config.h>
#include <kernel/kernel.h>
#include <kernel/sched.h>

/* Handle and complete the interrupt `irq`, claimed. */
static void handle(int irq)
{
    if (irq == BOARD_TIMER_IRQ)
        timer_handle_irq();
#if BOARD_HAS_VIRTUALIZATION
    else if (irq == BOARD_MAINTENANCE_IRQ)
        arm_vcpu_maintenance();
    else if (irq == BOARD_VTIMER_IRQ && arch_vcpu_forward_irq((unsigned)irq))
        ;                               /* the guest's virtual timer */
#endif
#ifdef BOARD_UART_IRQ
    else if (irq == BOARD_UART_IRQ && console_input_owned())
        console_input_irq();
#endif
    else
        kernel_irq((unsigned)irq);
    irqc_complete((unsigned)irq);
}

/* Claim and handle one pending interrupt; 0 if none was. */
static int handle_one(void)
{
    int irq = irqc_claim();

    if (irq < 0)
        return 0;
    handle(irq);
    return 1;
}

/* The tick's fast path (fastpath.S) has claimed an interrupt, read as `raw`,
 * and left it to the ordinary path: handle it as arch_handle_interrupts()
 * would, then schedule. */
_Noreturn void arm_interrupt_claimed(uint32_t raw)
{
    int irq = irqc_claimed(raw);

    if (irq >= 0)
        handle(irq);
    schedule();
}

static void dispatch(void)
{
    while (handle_one())
        ;
}

/* After a user thread was interrupted: one interrupt. Any other still pending
 * is taken as soon as the thread switched to runs, which costs an entry but
 * saves every interrupt a claim that finds nothing. */
void arch_handle_interrupts(void)
{
    (void)handle_one();
}

void arch_wait_for_interrupt(void)
{
    dsb();
    wfi();
    dispatch();
}

void arch_irq_init(void)
{
    irqc_init();
}

void arch_irq_enable(unsigned irq)
{
    irqc_enable(irq);
}

void arch_irq_disable(unsigned irq)
{
    irqc_disable(irq);
}
