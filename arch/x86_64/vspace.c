// SPDX-License-Identifier: BSD-2-Clause
/*
 * Address spaces and user contexts. Each address space is its own 4-level
 * page table: a PML4 whose entry 0 (the user half's first 512 GiB, where the
 * generator places every component) leads to the address space's PDPT, and
 * whose entry 511 is the kernel's (mmu.c), supervisor-only. Page directories
 * and page tables come from the spec's pool, one PD per GiB and one PT per
 * 2 MiB used, the same count as LPAE's level-2 and level-3 tables. With PCIDs,
 * CR3 carries the address space's tag and no switch flushes the TLB (mappings
 * never change after boot); without, a switch flushes the user half. An
 * address space may also hold I/O ports (seL4HardwareIOPort): its own
 * permission bitmap, copied into the TSS when it starts to run.
 *
 * System-call registers (kernel/api.yaml's "argument register i"): the call
 * number in rax; arguments and results 0-6 in rdi, rsi, rdx, r10, r8, r9, rbx.
 * SYSCALL itself uses rcx and r11 (return rip and rflags).
 */
#include <stddef.h>
#include <stdint.h>
#include <arch.h>
#include <arch/cpu.h>
#include <arch/drivers.h>
#include <arch/layout.h>
#include <kernel/kernel.h>
#include <kernel/thread.h>
#include <kernel/vspace.h>
#include <tessera/abi.h>
#include <spec_limits.h>

/* Each address space has a tag of its own (PCIDs); the generator refuses more. */
_Static_assert(SPEC_MAX_VSPACES <= ADDRESS_SPACE_TAGS_X86_64, "more address spaces than PCIDs");

#define PTE_P       (1ull << 0)
#define PTE_W       (1ull << 1)
#define PTE_U       (1ull << 2)
#define PTE_PWT     (1ull << 3)
#define PTE_PCD     (1ull << 4)
#define PTE_ADDR    0x000ffffffffff000ull

#define PCID_NOFLUSH (1ull << 63)

_Static_assert(offsetof(struct arch_context, r11) == CTX_R11, "entry.S layout");
_Static_assert(offsetof(struct arch_context, rcx) == CTX_RCX, "entry.S layout");
_Static_assert(offsetof(struct arch_context, vector) == CTX_VECTOR, "entry.S layout");
_Static_assert(offsetof(struct arch_context, rip) == CTX_RIP, "entry.S layout");
_Static_assert(offsetof(struct arch_context, rflags) == CTX_RFLAGS, "entry.S layout");
_Static_assert(offsetof(struct arch_context, rsp) == CTX_RSP, "entry.S layout");
_Static_assert(offsetof(struct arch_context, fpu) == CTX_FRAME_END, "entry.S layout");
_Static_assert(offsetof(struct thread, ctx) == 0, "the trap entry saves into the thread");

static uint64_t *next_table(uint64_t *entry)
{
    if (*entry == 0) {
        struct pt_page *t = vspace_table_alloc();
        if (t == NULL)
            return NULL;
        *entry = kernel_to_phys(t) | PTE_P | PTE_W | PTE_U;
    }
    return (uint64_t *)phys_to_kernel(*entry & PTE_ADDR);
}

static uint64_t page_entry(uintptr_t pa, unsigned rights)
{
    uint64_t e = pa | PTE_P | PTE_U;

    if (rights & VSPACE_W)
        e |= PTE_W;
    if (!(rights & VSPACE_X))
        e |= mmu_nx_bit();
    if (rights & VSPACE_DEVICE)
        e |= PTE_PCD | PTE_PWT;
    return e;
}

void arch_vspace_init(struct vspace *vs, uint16_t id)
{
    for (unsigned i = 0; i < 512; i++) {
        vs->arch.pml4[i] = 0;
        vs->arch.pdpt[i] = 0;
    }
    vs->arch.pml4[0] = kernel_to_phys(vs->arch.pdpt) | PTE_P | PTE_W | PTE_U;
    vs->arch.pml4[511] = mmu_kernel_pml4e();
    for (unsigned i = 0; i < sizeof(vs->arch.iomap); i++)
        vs->arch.iomap[i] = 0xff;           /* no port until arch_vspace_allow_ports() */
    vs->arch.has_ports = 0;
    vs->arch.cr3 = kernel_to_phys(vs->arch.pml4);
    if (mmu_has_pcid())
        vs->arch.cr3 |= (id & 0xfffu) | PCID_NOFLUSH;
}

int arch_vspace_allow_ports(struct vspace *vs, uint16_t first, uint16_t last)
{
    if (first > last || last >= X86_IOMAP_PORTS)
        return -1;
    for (unsigned port = first; port <= last; port++)
        vs->arch.iomap[port / 8] &= (uint8_t)~(1u << (port % 8));
    vs->arch.has_ports = 1;
    return 0;
}

int arch_vspace_map(struct vspace *vs, uintptr_t va, uintptr_t pa, size_t size, unsigned rights)
{
    /* Component memory arrives as a kernel pointer; device memory is physical. */
    if (pa >= KERNEL_BASE)
        pa = kernel_to_phys((const void *)pa);
    if (va >= USER_TOP || size > USER_TOP - va)
        return -1;
    for (size_t off = 0; off < size; off += 4096) {
        uintptr_t v = va + off;
        uint64_t *pd = next_table(&vs->arch.pdpt[(v >> 30) & 511]);
        if (pd == NULL)
            return -1;
        uint64_t *pt = next_table(&pd[(v >> 21) & 511]);
        if (pt == NULL)
            return -1;
        pt[(v >> 12) & 511] = page_entry(pa + off, rights);
    }
    return 0;
}

uintptr_t x86_fpu_frame;
uint64_t x86_cr0_fpu_trap;
static const struct vspace *iomap_owner;    /* whose ports the TSS grants; NULL: none */

/* The TSS's I/O bitmap for `vs`. Most address spaces have no ports, so a switch
 * between two of them copies nothing; otherwise 128 bytes. */
static void switch_ports(const struct vspace *vs)
{
    const struct vspace *want = vs->arch.has_ports ? vs : NULL;

    if (want == iomap_owner)
        return;
    for (unsigned i = 0; i < sizeof(vs->arch.iomap); i++)
        x86_tss.iomap[i] = want != NULL ? want->arch.iomap[i] : 0xff;
    iomap_owner = want;
}

/* Everything that belongs to an address space rather than a thread: the page
 * tables (CR3) and the I/O ports. Only when the address space changes. Any
 * other path into user mode that switches address spaces must come through
 * here, or fall back to arch_enter_user(). */
static void switch_vspace(const struct vspace *vs)
{
    /* CR3 reads back without PCID_NOFLUSH; the fast paths keep no copy. */
    if ((vs->arch.cr3 & ~PCID_NOFLUSH) == CR_READ(3))
        return;
    CR_WRITE(3, vs->arch.cr3);
    switch_ports(vs);
}

/* A fault handler may have resumed the thread at any PC or SP: refuse one
 * outside user space here, as a fault of the thread, before SYSRET or iretq
 * could fault in ring 0 on it. */
static void check_resume(struct arch_context *ctx)
{
    if (ctx->rip < USER_TOP && ctx->rsp <= USER_TOP)
        return;
    struct fault_info f = {
        .kind = "bad resume", .label = FAULT_PREFETCH_ABORT, .detail_code = 0, .pc = ctx->rip,
        .address = ctx->rip < USER_TOP ? ctx->rsp : ctx->rip, .syndrome = 0,
        .detail = ctx->rip < USER_TOP ? "SP outside user space" : "PC outside user space",
    };
    ctx->rip = 0;                       /* resumed again, it takes a page fault */
    kernel_user_fault(&f);
}

/* The FPU is switched only for threads that use it. Every thread starts as
 * one that does not. CR0.TS is clear only while the FPU's owner, the thread
 * whose registers it holds, runs: any other thread's first x87 or SSE
 * instruction traps (#NM) into x86_fpu_take(), which marks it as using the FPU
 * from then on. Running a thread that uses it clears TS and loads its
 * registers, unless they are in the FPU already, saving the owner's; running
 * one that does not only sets TS, and the FPU keeps the owner's registers. So
 * two threads that never use the FPU switch without a save or a restore. The
 * fast paths (fastpath.S) do the same. The owner is kept as its context's
 * frame end, x86_fpu_frame (0: none), which is what the fast paths hold for
 * both threads; its FXSAVE area starts there (CTX_FPU == CTX_FRAME_END). */
static uintptr_t frame_end(const struct thread *t)
{
    return (uintptr_t)&t->ctx + CTX_FRAME_END;
}

static void switch_fpu(struct thread *t)
{
    if (t->ctx.fpu_used) {
        __asm__ volatile("clts" ::: "memory");      /* first: with TS set, FXSAVE traps too */
        if (x86_fpu_frame != frame_end(t)) {
            if (x86_fpu_frame != 0)
                __asm__ volatile("fxsave64 %0" : "=m"(*(uint8_t (*)[512])x86_fpu_frame));
            __asm__ volatile("fxrstor64 %0" :: "m"(t->ctx.fpu));
            x86_fpu_frame = frame_end(t);
        }
    } else if (!(CR_READ(0) & CR0_TS)) {
        CR_WRITE(0, x86_cr0_fpu_trap);
    }
}

void x86_fpu_take(struct thread *t)
{
    t->ctx.fpu_used = 1;
    switch_fpu(t);
}

/* A fast path that has switched to `t` (TSS.RSP0, CR3 and the message in its
 * context done) when `t`'s address space holds I/O ports: the TSS's bitmap,
 * which switch_vspace() leaves alone once CR3 is `t`'s, then the rest of the
 * way out as for any thread. */
_Noreturn void x86_fastpath_ports(struct thread *t)
{
    current = t;
    switch_ports(t->vs);
    arch_enter_user(t);
}

_Noreturn void arch_enter_user(struct thread *t)
{
    struct arch_context *ctx = &t->ctx;

    check_resume(ctx);
    switch_vspace(t->vs);
    wrfsbase(t->tls);
    switch_fpu(t);
    ctx->rflags = (ctx->rflags & USER_RFLAGS) | RFLAGS_FIXED;   /* IOPL stays 0 */
    ctx->cs = USER_CS;
    ctx->ss = USER_DS;
    x86_tss.rsp[0] = (uintptr_t)ctx + CTX_FRAME_END;
    x86_return_to_user(ctx);
}

uintptr_t arch_set_tls(uintptr_t base)
{
    /* A non-canonical base would fault WRFSBASE: keep it in user space. */
    base = base < USER_TOP ? base : 0;
    wrfsbase(base);
    return base;
}

void arch_context_init(struct arch_context *ctx, const struct vspace *vs, uintptr_t entry,
                       uintptr_t sp, uintptr_t arg, uintptr_t ipc_buffer)
{
    /* A thread started again gives up the registers the FPU may still hold
     * for it: its next FPU instruction traps and loads its new ones. */
    if (x86_fpu_frame == (uintptr_t)ctx + CTX_FRAME_END)
        x86_fpu_frame = 0;
    *ctx = (struct arch_context){ 0 };
    ctx->has_ports = vs->arch.has_ports;
    ctx->caps = vs->caps;
    ctx->ncaps = vs->arch.has_ports ? 0 : vs->ncaps;
    ctx->cr3 = vs->arch.cr3;
    ctx->rdi = arg;
    ctx->rsi = ipc_buffer;
    ctx->rip = entry;
    ctx->rsp = sp;
    ctx->rflags = RFLAGS_FIXED;
    ctx->cs = USER_CS;
    ctx->ss = USER_DS;
    for (unsigned i = 0; i < sizeof(ctx->fpu); i++)
        ctx->fpu[i] = fpu_initial_state[i];
}

/* kernel/api.yaml's register convention (registers.x86_64), which
 * tests/sdk/test_abi.py checks this switch against. */
static uint64_t *syscall_register(struct arch_context *ctx, unsigned slot)
{
    switch (slot) {
    case SLOT_CAP:  return &ctx->rdi;       /* and SLOT_ERROR */
    case SLOT_INFO: return &ctx->rsi;
    case SLOT_MR0:  return &ctx->rdx;
    case SLOT_MR1:  return &ctx->r10;
    case SLOT_MR2:  return &ctx->r8;
    case SLOT_MR3:  return &ctx->r9;
    default:        return &ctx->rbx;       /* SLOT_BADGE */
    }
}

uintptr_t arch_syscall_number(const struct arch_context *ctx)
{
    return ctx->rax;
}

uintptr_t arch_syscall_arg(const struct arch_context *ctx, unsigned i)
{
    return *syscall_register((struct arch_context *)ctx, i);
}

void arch_syscall_set_result(struct arch_context *ctx, unsigned i, uintptr_t value)
{
    *syscall_register(ctx, i) = value;
}

uintptr_t arch_context_pc(const struct arch_context *ctx)
{
    return ctx->rip;
}

void arch_context_set_pc(struct arch_context *ctx, uintptr_t pc)
{
    ctx->rip = pc;
}

void arch_context_set_sp(struct arch_context *ctx, uintptr_t sp)
{
    ctx->rsp = sp;
}

void arch_syscall_restart(struct arch_context *ctx, uintptr_t number)
{
    ctx->rip -= 2;                      /* back onto the 2-byte SYSCALL */
    ctx->rax = number;
}
