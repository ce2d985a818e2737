// SPDX-License-Identifier: BSD-2-Clause
/*
 * Tessera kernel: boot.
 *
 * Design principles of the kernel, in order:
 *  1. Static configuration. Every thread, address space and mapping comes from
 *     the generated spec; the kernel is compiled with it.
 *  2. No allocation after boot. Objects live in arrays sized by the spec.
 *  3. Every user value is checked. A bad system call returns an error code and
 *     changes nothing else; a user pointer is checked against the caller's
 *     address space before the kernel touches it.
 *  4. Nothing hangs silently. Any fault is reported on the console, with the
 *     component's name, and the system's exit status says what happened.
 *  5. Simple over clever. The kernel is single-stack and never preempted.
 */
#include <arch.h>
#include <board_config.h>
#include <kernel_config.h>
#include <kernel/console.h>
#include <kernel/fault_injection.h>
#include <kernel/kernel.h>
#include <kernel/sched.h>
#include <kernel/supervisor.h>
#include <kernel/system.h>
#include <kernel/thread.h>
#include <kernel/vspace.h>
#include <tessera/version.h>

static void banner(void)
{
    kprintf("\nTessera %s on %s\n", TESSERA_VERSION, BOARD_NAME);
    kprintf("  cpu: %s, kernel in %s\n", arch_cpu_name(), arch_kernel_mode());
    kprintf("  memory: %u MiB at 0x%08lx, timer %u Hz\n", (unsigned)(BOARD_RAM_SIZE >> 20),
            (unsigned long)BOARD_RAM_BASE, (unsigned)arch_counter_freq());
}

/* Prove that interrupts reach the kernel before any component runs. */
static void wait_first_tick(void)
{
    while (kernel_ticks == 0)
        arch_wait_for_interrupt();
    kprintf("  timer: tick %u Hz, interrupt %u reached the kernel\n",
            (unsigned)BOARD_TICK_HZ, (unsigned)BOARD_TIMER_IRQ);
}

_Noreturn void kernel_main(void)
{
    arch_early_init();                  /* vectors, MMU and caches, console */
    banner();                           /* version, board, CPU, memory */
    if (IS_ENABLED(CONFIG_FAULT_INJECTION))
        fault_injection_boot();         /* test builds only */
    arch_irq_init();                    /* interrupt controller */
    arch_timer_init(BOARD_TICK_HZ);     /* the kernel tick */
    wait_first_tick();                  /* interrupts work */
    sched_init();                       /* empty run queues */
    system_init();                      /* no control thread counted yet */
    vspace_create_all();                /* address spaces from the spec */
    thread_create_all();                /* threads, in their address spaces */
    supervisor_init();                  /* who receives on what, for restarts and PEER_DEAD */
    irq_init_all();                     /* device interrupts routed to notifications */
    console_input_init();               /* what the user types, for its reader */
    kprintf("system: %s, %u component(s), %u thread(s)\n",
            spec_system_name, spec_nvspaces, spec_nthreads);
    schedule();                         /* never returns */
}
