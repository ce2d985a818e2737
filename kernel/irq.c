// SPDX-License-Identifier: BSD-2-Clause
/*
 * Interrupts as the generic kernel sees them: the tick, and the return to
 * scheduling after a user thread was interrupted.
 */
#include <kernel/kernel.h>
#include <kernel/sched.h>

volatile uint64_t kernel_ticks;

void kernel_tick(void)
{
    kernel_ticks++;
    sched_tick();
}

_Noreturn void kernel_interrupt(void)
{
    arch_handle_interrupts();
    schedule();
}
