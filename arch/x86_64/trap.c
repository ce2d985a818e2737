// SPDX-License-Identifier: BSD-2-Clause
/*
 * Exceptions. From ring 3 they become faults of the current thread, with the
 * same labels as on ARM: a page fault on an instruction fetch is
 * FAULT_PREFETCH_ABORT, any other page fault FAULT_DATA_ABORT (address = CR2,
 * syndrome and MR0 = the error code), and every other exception
 * FAULT_UNDEFINED_INSTRUCTION (MR0 = the vector). An interrupt is handed to
 * irq.c. In ring 0 an interrupt can only arrive in the idle loop and is noted
 * for it; an exception is a kernel fault, reported, and it stops the system.
 */
#include <stdint.h>
#include <arch.h>
#include <arch/cpu.h>
#include <arch/drivers.h>
#include <arch/layout.h>
#include <kernel/console.h>
#include <kernel/kernel.h>
#include <kernel/thread.h>
#include <tessera/abi.h>

#define VEC_UD  6
#define VEC_NM  7
#define VEC_GP  13
#define VEC_PF  14

#define PF_PRESENT  (1u << 0)
#define PF_WRITE    (1u << 1)
#define PF_USER     (1u << 2)
#define PF_RESERVED (1u << 3)
#define PF_FETCH    (1u << 4)
#define PF_PKEY     (1u << 5)

static const char *const exception_names[32] = {
    [0] = "divide error (#DE)", [1] = "debug (#DB)", [2] = "NMI", [3] = "breakpoint (#BP)",
    [4] = "overflow (#OF)", [5] = "bound range (#BR)", [6] = "invalid opcode (#UD)",
    [7] = "device not available (#NM)", [8] = "double fault (#DF)", [10] = "invalid TSS (#TS)",
    [11] = "segment not present (#NP)", [12] = "stack fault (#SS)",
    [13] = "general protection (#GP)", [14] = "page fault (#PF)", [16] = "x87 error (#MF)",
    [17] = "alignment check (#AC)", [18] = "machine check (#MC)", [19] = "SIMD error (#XM)",
    [20] = "virtualization exception (#VE)", [21] = "control protection (#CP)",
};

static const char *exception_name(uint64_t vector)
{
    const char *name = vector < 32 ? exception_names[vector] : NULL;
    return name != NULL ? name : "reserved exception";
}

static char *append(char *p, const char *s)
{
    while (*s != '\0')
        *p++ = *s++;
    *p = '\0';
    return p;
}

/* The page-fault error code in words: "not present, user read". */
static const char *page_fault_detail(uint64_t error)
{
    static char buf[64];
    char *p = buf;

    p = append(p, (error & PF_RESERVED) ? "reserved bit set, "
                  : (error & PF_PKEY) ? "protection key, "
                  : (error & PF_PRESENT) ? "protection violation, " : "not present, ");
    p = append(p, (error & PF_USER) ? "user " : "supervisor ");
    append(p, (error & PF_FETCH) ? "instruction fetch" : (error & PF_WRITE) ? "write" : "read");
    return buf;
}

static const char *detail_of(uint64_t vector, uint64_t error)
{
    switch (vector) {
    case VEC_PF: return page_fault_detail(error);
    case VEC_UD: return "undefined opcode";
    case VEC_GP: return error != 0 ? "segment error" : "privileged instruction or bad address";
    default:     return "exception";
    }
}

static void describe(struct fault_info *f, const struct arch_context *frame)
{
    f->kind = exception_name(frame->vector);
    f->pc = frame->rip;
    f->syndrome = (uint32_t)frame->error;
    f->detail = detail_of(frame->vector, frame->error);
    f->address = frame->vector == VEC_PF ? CR_READ(2) : frame->rip;
}

_Noreturn void x86_user_trap(void)
{
    struct arch_context *ctx = &current->ctx;
    struct fault_info f;

    if (ctx->vector >= 32) {
        irq_mark_pending((unsigned)ctx->vector);
        kernel_interrupt();
    }
    if (ctx->vector == VEC_NM && !current->ctx.fpu_used) {
        x86_fpu_take(current);          /* its first FPU instruction, */
        arch_enter_user(current);       /* which it now runs again */
    }
    describe(&f, ctx);
    if (ctx->vector == VEC_PF) {
        f.label = (ctx->error & PF_FETCH) ? FAULT_PREFETCH_ABORT : FAULT_DATA_ABORT;
        f.detail_code = (uint32_t)ctx->error;
    } else {
        f.label = FAULT_UNDEFINED_INSTRUCTION;
        f.detail_code = (uint32_t)ctx->vector;
    }
    kernel_user_fault(&f);
}

void x86_kernel_trap(struct arch_context *frame)
{
    struct fault_info f = { .label = 0, .detail_code = 0 };

    if (frame->vector >= 32) {
        irq_mark_pending((unsigned)frame->vector);
        return;
    }
    describe(&f, frame);
    kernel_exception(&f, "ring 0");
}

_Noreturn void x86_fatal_trap(struct arch_context *frame)
{
    struct fault_info f = { .label = 0, .detail_code = 0 };

    describe(&f, frame);
    kernel_exception(&f, (frame->cs & 3) ? "ring 3" : "ring 0");
}
