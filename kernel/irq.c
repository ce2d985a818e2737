// SPDX-License-Identifier: BSD-2-Clause
/*
 * Interrupts as the generic kernel sees them: the tick (scheduling and thread
 * timers), device interrupts delivered as notification bits and masked until
 * their handler acknowledges them, and the return to scheduling after a user
 * thread was interrupted.
 */
#include <kernel/budget.h>
#include <kernel/console.h>
#include <kernel/kernel.h>
#include <kernel/notification.h>
#include <kernel/sched.h>
#include <kernel/timer.h>

uint64_t kernel_ticks;

void kernel_tick(void)
{
    uint64_t now = arch_counter();

    kernel_ticks++;
    console_tick();
    if (budgets_on()) {
        budget_charge(current, now);
        budget_release(now);
    }
    timer_expire(now);
    sched_tick();
}

void irq_init_all(void)
{
    for (unsigned i = 0; i < spec_nirqs; i++)
        arch_irq_enable(spec_irqs[i].number);
}

void kernel_irq(unsigned irq)
{
    for (unsigned i = 0; i < spec_nirqs; i++) {
        const struct spec_irq *s = &spec_irqs[i];
        if (s->number != irq)
            continue;
        if (s->vcpu != SPEC_NONE && arch_vcpu_forward_irq(irq))
            return;                     /* a passed-through device's: the guest's */
        arch_irq_disable(irq);
        ntfn_signal(&notifications[s->notification], s->badge);
        return;
    }
    /* Not routed anywhere: keep it from firing again. */
    arch_irq_disable(irq);
    kprintf("irq: spurious interrupt %u masked\n", irq);
}

void irq_ack(unsigned index)
{
    arch_irq_enable(spec_irqs[index].number);
}

_Noreturn void kernel_interrupt(void)
{
    arch_handle_interrupts();
    schedule();
}
