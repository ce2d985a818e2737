// SPDX-License-Identifier: BSD-2-Clause
/*
 * Descriptor tables: the GDT (flat kernel and user segments and the TSS), the
 * TSS (the stack ring-3 traps save into, and a separate stack for the fatal
 * exceptions), the IDT (every vector to its stub in entry.S, all interrupt
 * gates, so the kernel always runs with interrupts off) and the SYSCALL MSRs.
 * The TSS ends in the I/O permission bitmap, all ones (no port) until an
 * address space with ports runs (vspace.c).
 */
#include <stddef.h>
#include <stdint.h>
#include <arch/cpu.h>
#include <arch/drivers.h>
#include <arch/layout.h>

struct idt_gate {
    uint16_t offset_low;
    uint16_t selector;
    uint8_t ist;
    uint8_t type;                       /* P | DPL | 0xe (64-bit interrupt gate) */
    uint16_t offset_mid;
    uint32_t offset_high;
    uint32_t reserved;
} __attribute__((packed));

struct table_pointer {
    uint16_t limit;
    uint64_t base;
} __attribute__((packed));

#define GATE_KERNEL 0x8e
#define GATE_USER   0xee                /* DPL 3: `int3` from user mode is a #BP, not a #GP */

struct tss x86_tss __attribute__((aligned(16)));
static struct idt_gate idt[256] __attribute__((aligned(16)));
static uint64_t gdt[8] = {
    0,
    0x00af9a000000ffff,                 /* 0x08 KERNEL_CS: 64-bit code, ring 0 */
    0x00cf92000000ffff,                 /* 0x10 KERNEL_DS */
    0,                                  /* 0x18 STAR_SYSRET_BASE (32-bit user code: none) */
    0x00cff2000000ffff,                 /* 0x20 USER_DS, ring 3 */
    0x00affa000000ffff,                 /* 0x28 USER_CS: 64-bit code, ring 3 */
    0, 0,                               /* 0x30 TSS_SEL: a 16-byte system descriptor */
};

_Static_assert(offsetof(struct tss, iomap) == 104, "TSS layout");
_Static_assert(sizeof(struct idt_gate) == 16, "IDT gate layout");

static void tss_descriptor(void)
{
    uint64_t base = (uintptr_t)&x86_tss, limit = sizeof(x86_tss) - 1;

    gdt[TSS_SEL / 8] = (limit & 0xffff) | ((base & 0xffffff) << 16) | (0x89ull << 40) |
                       ((limit >> 16 & 0xf) << 48) | ((base >> 24 & 0xff) << 56);
    gdt[TSS_SEL / 8 + 1] = base >> 32;
}

void gdt_init(void)
{
    struct table_pointer p = { sizeof(gdt) - 1, (uintptr_t)gdt };

    x86_tss.ist[IST_FATAL - 1] = (uintptr_t)fatal_stack_top;
    x86_tss.rsp[0] = (uintptr_t)kernel_stack_top;
    x86_tss.iomap_base = offsetof(struct tss, iomap);
    for (unsigned i = 0; i < sizeof(x86_tss.iomap); i++)
        x86_tss.iomap[i] = 0xff;
    tss_descriptor();
    __asm__ volatile("lgdt %0\n\t"
                     "pushq %1\n\t"
                     "leaq 1f(%%rip), %%rax\n\t"
                     "pushq %%rax\n\t"
                     "lretq\n"
                     "1:\n\t"
                     "movl %2, %%eax\n\t"
                     "movl %%eax, %%ds\n\t"
                     "movl %%eax, %%es\n\t"
                     "movl %%eax, %%ss\n\t"
                     "ltr %w3"
                     :: "m"(p), "i"(KERNEL_CS), "i"(KERNEL_DS), "r"(TSS_SEL) : "rax", "memory");
}

static void set_gate(unsigned vector, uintptr_t handler, unsigned ist, uint8_t type)
{
    struct idt_gate *g = &idt[vector];

    g->offset_low = handler & 0xffff;
    g->selector = KERNEL_CS;
    g->ist = (uint8_t)ist;
    g->type = type;
    g->offset_mid = (handler >> 16) & 0xffff;
    g->offset_high = (uint32_t)(handler >> 32);
    g->reserved = 0;
}

void idt_init(void)
{
    struct table_pointer p = { sizeof(idt) - 1, (uintptr_t)idt };

    for (unsigned v = 0; v < 256; v++)
        set_gate(v, (uintptr_t)x86_trap_stubs + v * TRAP_STUB_SIZE, 0, GATE_KERNEL);
    set_gate(3, (uintptr_t)x86_trap_stubs + 3 * TRAP_STUB_SIZE, 0, GATE_USER);
    set_gate(2, (uintptr_t)x86_fatal_nmi, IST_FATAL, GATE_KERNEL);
    set_gate(8, (uintptr_t)x86_fatal_df, IST_FATAL, GATE_KERNEL);
    set_gate(18, (uintptr_t)x86_fatal_mc, IST_FATAL, GATE_KERNEL);
    __asm__ volatile("lidt %0" :: "m"(p) : "memory");
}

void syscall_init(void)
{
    wrmsr(MSR_EFER, rdmsr(MSR_EFER) | EFER_SCE);
    wrmsr(MSR_STAR, ((uint64_t)STAR_SYSRET_BASE << 48) | ((uint64_t)KERNEL_CS << 32));
    wrmsr(MSR_LSTAR, (uintptr_t)x86_syscall_entry);
    /* Cleared on entry: TF, IF, DF, IOPL, NT, AC. */
    wrmsr(MSR_FMASK, 0x100 | 0x200 | 0x400 | 0x3000 | 0x4000 | 0x40000);
}
