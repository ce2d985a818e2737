// SPDX-License-Identifier: BSD-2-Clause
/*
 * Hyp traps: decode HSR for everything that comes from PL0 (system calls,
 * aborts, undefined instructions) and for exceptions of the kernel itself.
 */
#include <stdint.h>
#include <arch.h>
#include <arch/cpu.h>
#include <arch/drivers.h>
#include <arch/vcpu.h>
#include <kernel/console.h>
#include <kernel/kernel.h>
#include <kernel/thread.h>
#include <tessera/abi.h>

#define EC_UNKNOWN      0x00
#define EC_SVC          0x11
#define EC_PABT_LOWER   0x20
#define EC_PABT_HYP     0x21
#define EC_DABT_LOWER   0x24
#define EC_DABT_HYP     0x25

/* The fault-status code (DFSC/IFSC, long-descriptor format) in words. */
static const char *fsc_text(uint32_t fsc)
{
    static const char *const level[] = { "level 0", "level 1", "level 2", "level 3" };
    static char buf[40];
    const char *what;

    switch (fsc & 0x3c) {
    case 0x04: what = "translation fault, "; break;
    case 0x08: what = "access flag fault, "; break;
    case 0x0c: what = "permission fault, "; break;
    default:
        return fsc == 0x21 ? "alignment fault" : fsc == 0x10 ? "synchronous external abort"
               : "other abort";
    }
    char *p = buf;
    for (const char *s = what; *s; s++)
        *p++ = *s;
    for (const char *s = level[fsc & 3]; *s; s++)
        *p++ = *s;
    *p = '\0';
    return buf;
}

static const char *abort_detail(uint32_t hsr, int data)
{
    static char buf[64];
    const char *fsc = fsc_text(hsr & 0x3f);
    const char *rw = data ? ((hsr & (1u << 6)) ? ", write" : ", read") : "";
    char *p = buf;

    for (const char *s = fsc; *s; s++)
        *p++ = *s;
    for (const char *s = rw; *s; s++)
        *p++ = *s;
    *p = '\0';
    return buf;
}

/* A native thread's fault: decoded into a report and a fault message. Out of
 * line, so that the system-call path builds no fault record. */
static __attribute__((noinline)) _Noreturn void user_fault(uint32_t hsr, uint32_t ec)
{
    struct fault_info f = { .pc = current->ctx.pc, .syndrome = hsr };

    switch (ec) {
    case EC_DABT_LOWER:
        f.kind = "data abort";
        f.label = FAULT_DATA_ABORT;
        f.detail_code = hsr & 0x3f;
        f.address = read_hdfar();
        f.detail = abort_detail(hsr, 1);
        break;
    case EC_PABT_LOWER:
        f.kind = "prefetch abort";
        f.label = FAULT_PREFETCH_ABORT;
        f.detail_code = hsr & 0x3f;
        f.address = read_hifar();
        f.detail = abort_detail(hsr, 0);
        break;
    case EC_UNKNOWN:
    case 0x03: case 0x04: case 0x05: case 0x06: case 0x07:
        f.kind = "undefined instruction";
        f.label = FAULT_UNDEFINED_INSTRUCTION;
        f.detail_code = ec;
        f.address = f.pc;
        f.detail = ec == EC_UNKNOWN ? "undefined or privileged instruction" : "coprocessor access";
        break;
    default:
        f.kind = "unexpected trap";
        f.label = FAULT_UNDEFINED_INSTRUCTION;
        f.detail_code = ec;
        f.address = f.pc;
        f.detail = "unhandled exception class";
        break;
    }
    kernel_user_fault(&f);
}

_Noreturn void arm_user_trap(void)
{
    uint32_t hsr = read_hsr();
    uint32_t ec = hsr >> 26;

    if (ec == EC_SVC)                   /* first: a guest's svc never reaches Hyp */
        kernel_syscall();
    if (current->vs->guest)
        arm_vcpu_trap(hsr);             /* vcpu.c: the guest's exits */
    user_fault(hsr, ec);
}

/* kind: 1 undefined, 2 HVC/SVC, 3 prefetch abort, 4 data abort, 5 FIQ. */
_Noreturn void arm_kernel_exception(unsigned kind, uint32_t elr, const uint32_t *regs)
{
    static const char *const kinds[] = {
        "exception", "undefined instruction", "HVC/SVC", "prefetch abort", "data abort", "FIQ",
    };
    uint32_t hsr = read_hsr();
    struct fault_info f = { .kind = kinds[kind < 6 ? kind : 0], .pc = elr, .syndrome = hsr,
                            .address = elr, .detail = "" };

    (void)regs;
    if (kind == 1 && elr == (uintptr_t)arm_semihost_hlt) {
        /* No debugger behind semihosting (real hardware): just stop here. */
        kprintf("system halted\n");
        for (;;)
            wfi();
    }
    if ((hsr >> 26) == EC_DABT_HYP) {
        f.address = read_hdfar();
        f.detail = abort_detail(hsr, 1);
    } else if ((hsr >> 26) == EC_PABT_HYP) {
        f.address = read_hifar();
        f.detail = abort_detail(hsr, 0);
    }
    kernel_exception(&f, "Hyp mode");
}
