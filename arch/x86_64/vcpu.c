// SPDX-License-Identifier: BSD-2-Clause
/*
 * Virtual machines are an ARM feature (the GIC virtualization extensions and
 * Hyp mode); on x86_64 the generator refuses them, and these say so if a
 * spec ever asked.
 */
#include <arch.h>
#include <board_config.h>
#include <kernel/console.h>
#include <kernel/thread.h>
#include <tessera/abi.h>

void arch_vcpu_init(struct thread *t)
{
    panic(EXIT_KERNEL_PANIC, "spec: %s is a vCPU, but %s runs no virtual machines",
          t->spec->name, BOARD_NAME);
}

int arch_vcpu_reply(struct thread *t, uintptr_t label, unsigned len, const uintptr_t *mr)
{
    (void)t, (void)label, (void)len, (void)mr;
    return 0;
}

int arch_vcpu_inject(struct thread *t, unsigned virq)
{
    (void)t, (void)virq;
    return ERR_WRONG_TYPE;
}

int arch_vcpu_forward_irq(unsigned irq)
{
    (void)irq;
    return 0;
}

int arch_vcpu_present(void)
{
    return 0;
}
