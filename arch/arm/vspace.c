// SPDX-License-Identifier: BSD-2-Clause
/*
 * Address spaces as LPAE stage-2 tables tagged with a VMID: level 1 (4 entries,
 * in struct arch_vspace), level 2 and level 3 tables from the spec's page-table
 * pool, 4 KiB pages. A component's virtual address is its intermediate physical
 * address (stage 1 is off at PL0 under HCR.TGE).
 */
#include <stdint.h>
#include <arch.h>
#include <arch/cpu.h>
#include <arch/drivers.h>
#include <arch/vcpu.h>
#include <kernel/budget.h>
#include <kernel/kernel.h>
#include <kernel/thread.h>
#include <kernel/vspace.h>
#include <spec_limits.h>
#include <tessera/abi.h>

/* Each address space has a tag of its own (VMIDs); the generator refuses more. */
_Static_assert(SPEC_MAX_VSPACES <= ADDRESS_SPACE_TAGS_ARM, "more address spaces than VMIDs");

#define S2_TABLE     3ull
#define S2_BLOCK     1ull               /* a 2 MiB block at level 2 */
#define S2_PAGE      3ull
#define S2_NORMAL_WB (0xfull << 2)      /* MemAttr: Normal, outer and inner write-back */
#define S2_DEVICE    (0x1ull << 2)      /* MemAttr: Device */
#define S2AP_R       (1ull << 6)
#define S2AP_W       (2ull << 6)
#define S2_SH_IS     (3ull << 8)
#define S2_AF        (1ull << 10)
#define S2_XN        (1ull << 54)
#define DESC_ADDR(d) ((uintptr_t)((d) & 0xfffff000ull))

static uint64_t *next_table(uint64_t *entry)
{
    if (*entry == 0) {
        struct pt_page *t = vspace_table_alloc();
        if (t == NULL)
            return NULL;
        *entry = (uintptr_t)t | S2_TABLE;
    }
    if ((*entry & 3) != S2_TABLE)
        return NULL;                    /* a 2 MiB block: segments never overlap one */
    return (uint64_t *)DESC_ADDR(*entry);
}

static uint64_t page_desc(uintptr_t pa, unsigned rights)
{
    uint64_t d = pa | S2_PAGE | S2_AF;

    d |= (rights & VSPACE_DEVICE) ? S2_DEVICE : (S2_NORMAL_WB | S2_SH_IS);
    if (rights & VSPACE_R)
        d |= S2AP_R;
    if (rights & VSPACE_W)
        d |= S2AP_W;
    if (!(rights & VSPACE_X))
        d |= S2_XN;
    return d;
}

void arch_vspace_init(struct vspace *vs, uint16_t id)
{
    for (unsigned i = 0; i < 4; i++)
        vs->arch.l1[i] = 0;
    vs->arch.vttbr = ((uint64_t)id << 48) | (uintptr_t)vs->arch.l1;
    vs->arch.pmuserenr = vs->spec->cycle_counter ? 1u : 0u;    /* PMUSERENR.EN: the grant */
}

int arch_vspace_allow_ports(struct vspace *vs, uint16_t first, uint16_t last)
{
    (void)vs, (void)first, (void)last;
    return -1;                          /* ARM has no I/O ports: the generator never asks */
}

#define BLOCK_SIZE 0x200000u

int arch_vspace_map(struct vspace *vs, uintptr_t va, uintptr_t pa, size_t size, unsigned rights)
{
    for (size_t off = 0; off < size; off += 4096) {
        uintptr_t v = va + off;
        uint64_t *l2 = next_table(&vs->arch.l1[v >> 30]);
        if (l2 == NULL)
            return -1;
        /* Where both addresses are 2 MiB aligned and 2 MiB remain (a guest's
         * RAM), one level-2 block descriptor instead of a level-3 table. */
        if ((v | (pa + off)) % BLOCK_SIZE == 0 && size - off >= BLOCK_SIZE &&
            l2[(v >> 21) & 511] == 0) {
            l2[(v >> 21) & 511] = (page_desc(pa + off, rights) & ~S2_PAGE) | S2_BLOCK;
            off += BLOCK_SIZE - 4096;
            continue;
        }
        uint64_t *l3 = next_table(&l2[(v >> 21) & 511]);
        if (l3 == NULL)
            return -1;
        l3[(v >> 12) & 511] = page_desc(pa + off, rights);
    }
    dsb();
    return 0;
}

_Noreturn void arch_enter_user(struct thread *t)
{
    const struct vspace *vs = t->vs;
    uint8_t guest = vs->guest;

    /* A preemption point before the guest runs: the kernel's timer (a
     * budget's or a real-time thread's release, the tick) fired while the
     * kernel was on its way back to the guest (a VMM's reply, a forwarded
     * interrupt): take it now, not after a world switch, an eret and an
     * interrupt entry that would only bring the kernel back here
     * (docs/realtime.md, "Latency beside a guest"). The guest is in its
     * saved state, as if interrupted at its next instruction. */
    if (budgets_on() && __builtin_expect(guest, 0) && (read_cnthp_ctl() & CNTHP_CTL_ISTATUS))
        kernel_interrupt();
    if (__builtin_expect(guest != arm_hw_guest, 0))
        arm_vcpu_switch(guest);         /* between the guest and native threads */
    /* VMIDs are distinct per address space: no TLB maintenance needed, and
     * writing the value already there costs no more than comparing with it.
     * No isb: the eret into the thread synchronises the context. The IPC fast
     * paths (fastpath.S) do the same. */
    write_vttbr(vs->arch.vttbr);
    if (__builtin_expect(!guest, 1))
        write_tpidruro(t->tls);         /* a guest keeps its own */
    /* The cycle counter for the components granted it (the guest's PMU traps:
     * HDCR.TPM); the register is written only when the grant changes. */
    if (__builtin_expect(vs->arch.pmuserenr != read_pmuserenr(), 0))
        write_pmuserenr(vs->arch.pmuserenr);
    arm_return_to_user(&t->ctx);
}

uintptr_t arch_set_tls(uintptr_t base)
{
    write_tpidruro(base);
    return base;
}

void arch_context_init(struct arch_context *ctx, const struct vspace *vs, uintptr_t entry,
                       uintptr_t sp, uintptr_t arg, uintptr_t ipc_buffer)
{
    (void)vs;
    for (unsigned i = 0; i < 13; i++)
        ctx->r[i] = 0;
    ctx->r[0] = arg;
    ctx->r[1] = ipc_buffer;
    ctx->sp = sp;
    ctx->lr = 0;
    ctx->pc = entry & ~1u;
    ctx->cpsr = 0x10 | ((entry & 1u) ? 0x20 : 0);   /* USR, ARM or Thumb; A/I/F clear */
}

/* kernel/api.yaml's register convention on ARM (registers.arm): slot i is
 * r<i>, the call number is in r7. tests/sdk/test_abi.py checks both. */
#define SYSCALL_NUMBER_REG 7

uintptr_t arch_syscall_number(const struct arch_context *ctx)
{
    return ctx->r[SYSCALL_NUMBER_REG];
}

uintptr_t arch_syscall_arg(const struct arch_context *ctx, unsigned slot)
{
    return ctx->r[slot];
}

void arch_syscall_set_result(struct arch_context *ctx, unsigned slot, uintptr_t value)
{
    ctx->r[slot] = value;
}

uintptr_t arch_context_pc(const struct arch_context *ctx)
{
    return ctx->pc;
}

void arch_context_set_pc(struct arch_context *ctx, uintptr_t pc)
{
    ctx->pc = pc & ~1u;
    ctx->cpsr = (ctx->cpsr & ~0x20u) | ((pc & 1u) ? 0x20u : 0);     /* Thumb if bit 0 */
}

void arch_context_set_sp(struct arch_context *ctx, uintptr_t sp)
{
    ctx->sp = sp;
}

void arch_syscall_restart(struct arch_context *ctx, uintptr_t number)
{
    ctx->pc -= (ctx->cpsr & 0x20u) ? 2 : 4;     /* back onto the svc */
    ctx->r[SYSCALL_NUMBER_REG] = number;
}
