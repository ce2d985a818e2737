// SPDX-License-Identifier: BSD-2-Clause
/*
 * Faults. A component's fault goes to its thread's fault endpoint as a call
 * (label FAULT_*, the detail, address, syndrome and PC in the message
 * registers FAULT_MR_* names, each a full register-wide word); the
 * thread waits for the handler's reply, which resumes it or leaves it stopped.
 * A thread without a fault endpoint is stopped with a report on the console;
 * the rest of the system keeps running. A fault in the kernel itself is
 * reported and stops the machine: nothing ever hangs silently.
 */
#include <kernel/console.h>
#include <kernel/ipc.h>
#include <kernel/kernel.h>
#include <kernel/sched.h>
#include <kernel/thread.h>
#include <tessera/abi.h>

_Noreturn void kernel_user_fault(const struct fault_info *f)
{
    struct thread *t = current;

    if (t->fault_ep != NULL) {
        const struct fault_msg m = {
            .label = f->label,
            .mr = { [FAULT_MR_DETAIL] = f->detail_code, [FAULT_MR_ADDRESS] = f->address,
                    [FAULT_MR_SYNDROME] = f->syndrome, [FAULT_MR_PC] = f->pc },
        };
        ipc_send_fault(t, &m);
        schedule();
    }
    kprintf("\nFAULT: %s in component '%s' (thread %s)\n", f->kind, t->vs->spec->name, t->spec->name);
    kprintf("  mode: user (PL0)  pc: 0x%08lx  address: 0x%08lx\n",
            (unsigned long)f->pc, (unsigned long)f->address);
    kprintf("  syndrome: 0x%08x (%s)\n", (unsigned)f->syndrome, f->detail);
    kprintf("  thread %s stopped\n", t->spec->name);
    thread_stop(t, THREAD_FAULTED, EXIT_FAULT);
    schedule();
}

_Noreturn void kernel_exception(const struct fault_info *f, const char *mode)
{
    panic(EXIT_KERNEL_PANIC, "%s in the kernel (%s)\n  pc: 0x%08lx  address: 0x%08lx\n"
          "  syndrome: 0x%08x (%s)\n  current thread: %s",
          f->kind, mode, (unsigned long)f->pc, (unsigned long)f->address,
          (unsigned)f->syndrome, f->detail, current != NULL ? current->spec->name : "none");
}
