/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * The seams inside arch/x86_64. A board picks one file per driver seam in its
 * board.yaml (console, interrupt controller); CMake compiles just that file.
 * The rest are the port's own files, named after what they own.
 */
#ifndef ARCH_DRIVERS_H
#define ARCH_DRIVERS_H

#include <stdint.h>
#include <arch/layout.h>
#include <arch/types.h>
#include <board_config.h>

struct arch_context;
struct thread;

#define TIMER_VECTOR (IRQ_VECTOR_BASE + BOARD_TIMER_IRQ)

/* Console UART (drivers/ns16550.c). */
void uart_init(void);
void uart_putc(char c);

/* Device-interrupt controller (drivers/ioapic.c). Interrupt numbers are the
 * board's: IOAPIC input n is delivered at vector IRQ_VECTOR_BASE + n. */
void irqc_init(void);
void irqc_enable(unsigned irq);
void irqc_disable(unsigned irq);

/* The local APIC (lapic.c): on, the legacy PICs masked, and end of interrupt. */
void lapic_init(void);
void lapic_eoi(void);
uint32_t lapic_read(unsigned reg);
void lapic_write(unsigned reg, uint32_t v);
void lapic_timer_mask(int masked);

/* Time (timer.c): the TSC and local APIC timer rates measured against the PIT
 * (boot, before the banner), and the tick. */
void timer_calibrate(void);
void timer_handle_irq(void);

/* The tick: the TSC value of the next one, the TSC ticks between two, and
 * the two rates measured at boot (each below 2^32; 64-bit fields so that the
 * tick's fast path, irqfast.S, multiplies and divides by them in memory). */
struct x86_tick {
    uint64_t deadline;
    uint64_t period;
    uint64_t lapic_hz;
    uint64_t tsc_hz;
};
extern struct x86_tick x86_tick;

/* Descriptor tables (gdt.c): GDT, TSS and IDT loaded; SYSCALL configured.
 * While a thread runs, x86_tss.rsp[0] points just past its saved frame, and
 * x86_tss.iomap holds the I/O permission bitmap of its address space (vspace.c):
 * a clear bit lets ring 3 use that port. The bitmap covers ports 0-0x3ff only
 * (X86_IOMAP_PORTS, in arch/types.h); the byte after it is all ones and ends
 * the TSS, so every higher port is refused. */
struct tss {
    uint32_t reserved0;
    uint64_t rsp[3];
    uint64_t reserved1;
    uint64_t ist[7];
    uint64_t reserved2;
    uint16_t reserved3;
    uint16_t iomap_base;
    uint8_t iomap[X86_IOMAP_PORTS / 8 + 1];
} __attribute__((packed));

extern struct tss x86_tss;
void gdt_init(void);
void idt_init(void);
void syscall_init(void);

/* The kernel's page tables (mmu.c), and what every address space shares. */
void mmu_init(void);
uint64_t mmu_kernel_pml4e(void);
uint64_t mmu_nx_bit(void);              /* the PTE NX bit, or 0 without NX */
int mmu_has_pcid(void);

/* Traps and interrupts (trap.c, irq.c), called from entry.S. System calls
 * enter at fastpath.S, which goes to kernel_syscall() off its fast paths. */
_Noreturn void x86_user_trap(void);
void x86_kernel_trap(struct arch_context *frame);
_Noreturn void x86_fatal_trap(struct arch_context *frame);
void irq_mark_pending(unsigned vector);

/* The FPU (init.c): on, and each thread's initial FXSAVE image. */
extern uint8_t fpu_initial_state[512];

/* entry.S: one 16-byte stub per vector, the IST stubs, SYSCALL, the way out. */
#define TRAP_STUB_SIZE 16
extern const char x86_trap_stubs[];
void x86_fatal_nmi(void);
void x86_fatal_df(void);
void x86_fatal_mc(void);
void x86_syscall_entry(void);
_Noreturn void x86_return_to_user(struct arch_context *ctx);

/* Where a fast path that switched to a thread of an address space with I/O
 * ports ends (vspace.c). */
_Noreturn void x86_fastpath_ports(struct thread *t);

/* The FPU (vspace.c): the frame end (thread + CTX_FRAME_END) of the thread
 * whose x87/SSE registers it holds (0: nobody's yet; CR0.TS is clear only
 * while that thread runs), and CR0 with TS set, so that the next FPU
 * instruction traps (#NM), as the fast paths write it. */
extern uintptr_t x86_fpu_frame;
extern uint64_t x86_cr0_fpu_trap;

/* #NM from ring 3: `t` ran its first FPU instruction. From now on it uses
 * the FPU: its registers are loaded (the owner's saved) and TS cleared. */
void x86_fpu_take(struct thread *t);

/* The linker script's stacks. */
extern char kernel_stack_top[];
extern char fatal_stack_top[];

#endif
