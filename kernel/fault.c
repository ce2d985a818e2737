// SPDX-License-Identifier: BSD-2-Clause
/*
 * Faults. A component's fault goes to its thread's fault endpoint as a call
 * (label FAULT_*, the detail, address, syndrome and PC in the message
 * registers FAULT_MR_* names, each a full register-wide word); the
 * thread waits for the handler's reply, which resumes it or leaves it stopped.
 * A fault without a handler (no fault endpoint, or its handler's component is
 * dead) is the supervisor's (kernel/supervisor.c): by the component's restart
 * policy it is restarted, with a one-line report, or it ends, with the full
 * report: the faulting thread and its component's other threads stop, and its
 * clients get PEER_DEAD; the rest of the system keeps running. A fault in the
 * kernel itself is reported and stops the machine: nothing ever hangs silently.
 */
#include <kernel/console.h>
#include <kernel/ipc.h>
#include <kernel/kernel.h>
#include <kernel/sched.h>
#include <kernel/supervisor.h>
#include <kernel/thread.h>
#include <tessera/abi.h>

_Noreturn void kernel_user_fault(const struct fault_info *f)
{
    struct thread *t = current;
    struct vspace *vs = t->vs;

    if (t->fault_ep != NULL) {
        const struct fault_msg m = {
            .label = f->label,
            .mr = { [FAULT_MR_DETAIL] = f->detail_code, [FAULT_MR_ADDRESS] = f->address,
                    [FAULT_MR_SYNDROME] = f->syndrome, [FAULT_MR_PC] = f->pc },
        };
        if (ipc_send_fault(t, &m) == ERR_OK)
            schedule();
    }
    if (supervisor_will_restart(vs)) {
        uint64_t start = arch_counter();
        supervisor_restart(vs);
        uint64_t ns = (arch_counter() - start) * 1000000000u / arch_counter_freq();
        kprintf("supervisor: %s in '%s' (thread %s, pc 0x%08lx, address 0x%08lx): restart %u",
                f->kind, vs->spec->name, t->spec->name, (unsigned long)f->pc, (unsigned long)f->address,
                (unsigned)vs->restarts);
        if (vs->restart_max != SPEC_RESTART_ALWAYS)
            kprintf(" of %u", (unsigned)vs->restart_max);
        kprintf(", %lu ns\n", (unsigned long)ns);
        schedule();
    }
    kprintf("\nFAULT: %s in component '%s' (thread %s)\n", f->kind, t->vs->spec->name, t->spec->name);
    kprintf("  mode: user (PL0)  pc: 0x%08lx  address: 0x%08lx\n",
            (unsigned long)f->pc, (unsigned long)f->address);
    kprintf("  syndrome: 0x%08x (%s)\n", (unsigned)f->syndrome, f->detail);
    kprintf("  thread %s stopped\n", t->spec->name);
    unsigned others = supervisor_end(t);
    if (others != 0 || vs->restart_max != 0 || supervisor_serves(vs))
        kprintf("  component '%s' stopped (%u more thread(s)%s): calls to it return PEER_DEAD\n",
                vs->spec->name, others, vs->restart_max != 0 ? ", its restarts used up" : "");
    schedule();
}

_Noreturn void kernel_exception(const struct fault_info *f, const char *mode)
{
    panic(EXIT_KERNEL_PANIC, "%s in the kernel (%s)\n  pc: 0x%08lx  address: 0x%08lx\n"
          "  syndrome: 0x%08x (%s)\n  current thread: %s",
          f->kind, mode, (unsigned long)f->pc, (unsigned long)f->address,
          (unsigned)f->syndrome, f->detail, current != NULL ? current->spec->name : "none");
}
