/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * The architecture contract: every hook an architecture (arch/<arch>/) provides
 * to the generic kernel, and nothing else. kernel/ includes no other arch header
 * than <arch/types.h> (register context, page-table types), which this file pulls
 * in; an architecture is chosen by include path in CMake, never by #ifdef.
 *
 * Calling rules for every hook: the kernel runs with interrupts masked and on its
 * single kernel stack; no hook may allocate memory or block.
 */
#ifndef TESSERA_ARCH_H
#define TESSERA_ARCH_H

#include <stddef.h>
#include <stdint.h>
#include <arch/types.h>

struct thread;
struct vspace;

/* ---- Boot ------------------------------------------------------------- */

/* First C hook on the boot CPU: exception vectors, the kernel's own translation
 * regime with caches on, and the early console. Called once from kernel_main(). */
void arch_early_init(void);

/* A one-line description of the CPU ("Cortex-A15 r4p0") for the banner. */
const char *arch_cpu_name(void);

/* The privilege level the kernel runs at ("Hyp (PL2)"), for the banner. */
const char *arch_kernel_mode(void);

/* Interrupt controller: everything masked except what the kernel enables. */
void arch_irq_init(void);

/* ---- Console ---------------------------------------------------------- */

/* Write one byte to the kernel console, polling; usable from arch_early_init on. */
void arch_console_putc(char c);

/* Console input: the next byte received, or -1; and turning the UART's
 * receive interrupt on (board console irq). Boards without input return -1. */
int arch_console_getc(void);
void arch_console_input_enable(void);

/* ---- Time ------------------------------------------------------------- */

/* Start the kernel tick at `hz` interrupts per second. Each tick calls
 * kernel_tick() from arch_handle_interrupts(). */
void arch_timer_init(uint32_t hz);

/* The free-running system counter and its frequency in Hz. */
uint64_t arch_counter(void);
uint32_t arch_counter_freq(void);

/* One timer interrupt at counter value `when` (or as soon as possible if it
 * has passed), besides the ticks, replacing the one asked for before; one at
 * or after the next tick is just the tick. Only kernel/budget.c asks, in a
 * system with budgets. An interrupt before the tick calls kernel_timer_event(). */
void arch_timer_event(uint64_t when);

/* ---- Interrupts ------------------------------------------------------- */

/* Sleep until an interrupt is pending, then handle every pending one
 * (interrupts stay masked: the kernel is never preempted). */
void arch_wait_for_interrupt(void);

/* Handle the pending interrupts, at least the one that interrupted the user
 * thread: it is called after that. One still pending may be left to trap
 * again as soon as a thread runs (ARM claims one). The tick goes to
 * kernel_tick(), every other interrupt to kernel_irq(). */
void arch_handle_interrupts(void);

/* Unmask / mask one interrupt (board numbering) at the interrupt controller. */
void arch_irq_enable(unsigned irq);
void arch_irq_disable(unsigned irq);

/* ---- Address spaces --------------------------------------------------- */

/* Make `vs` an empty address space tagged `id` (VMID on ARM). */
void arch_vspace_init(struct vspace *vs, uint16_t id);

/* Map [va, va+size) to [pa, pa+size) with VSPACE_R/W/X/DEVICE rights; page
 * aligned. Page-table memory comes from the spec's static pool. Returns 0, or -1
 * when the pool is exhausted (a generator bug: the pool is sized from the spec). */
int arch_vspace_map(struct vspace *vs, uintptr_t va, uintptr_t pa, size_t size, unsigned rights);

/* Let `vs` use the I/O ports [first, last] (x86 `in`/`out`); every other port
 * stays refused, and an access to one is a fault of the thread. Called at boot
 * after arch_vspace_init(), once per range of the spec. Returns 0, or -1 when
 * the architecture has no I/O ports (ARM) or cannot grant the range (x86_64:
 * only ports 0-0x3ff, the legacy ISA range, are grantable). The permission is
 * part of the address space: arch_enter_user() applies it with the switch. */
int arch_vspace_allow_ports(struct vspace *vs, uint16_t first, uint16_t last);

/* ---- Virtual machines (docs/virtualization.md) ------------------------ */

/* Boot: make `t`, the thread of a guest address space, its vCPU, in the
 * guest's entry state. Panics on a board without virtualization support. */
void arch_vcpu_init(struct thread *t);

/* The VMM's reply to the vCPU's last exit: label and message registers.
 * 1: resume the vCPU; 0: the reply stops it. */
int arch_vcpu_reply(struct thread *t, uintptr_t label, unsigned len, const uintptr_t *mr);

/* Make a virtual interrupt pending in `t`'s guest (vcpu_inject): ERR_*. */
int arch_vcpu_inject(struct thread *t, unsigned virq);

/* A physical interrupt that belongs to the guest (its timer, a passed-through
 * device): masked until the guest has handled it, and injected as the same
 * virtual interrupt. 0 when there is no guest to take it. */
int arch_vcpu_forward_irq(unsigned irq);

/* 1 when the system has a vCPU (its timer can always wake it). */
int arch_vcpu_present(void);

/* ---- Threads ---------------------------------------------------------- */

/* Fill a user context that starts at `entry` with stack `sp`, the thread's
 * argument in the first argument register and its IPC buffer's address in the
 * second, for a thread of address space `vs` (of which an architecture may
 * keep copies in the context for its fast paths). */
void arch_context_init(struct arch_context *ctx, const struct vspace *vs, uintptr_t entry,
                       uintptr_t sp, uintptr_t arg, uintptr_t ipc_buffer);

/* Change a saved context's program counter / stack pointer (a fault handler's
 * reply). */
void arch_context_set_pc(struct arch_context *ctx, uintptr_t pc);
void arch_context_set_sp(struct arch_context *ctx, uintptr_t sp);

/* Wind the context back so that system call `number` runs again, with the
 * context's arguments, when the thread next runs (a blocking call cancelled by
 * thread_suspend). */
void arch_syscall_restart(struct arch_context *ctx, uintptr_t number);

/* Switch to `t`'s address space and thread pointer and return to user mode. */
_Noreturn void arch_enter_user(struct thread *t);

/* System-call register access on a saved user context: argument/result
 * `slot` (SLOT_*, ARG_* of <tessera/abi.h>) is the slot-th register of the
 * architecture's convention in kernel/api.yaml (`registers`). */
uintptr_t arch_syscall_number(const struct arch_context *ctx);
uintptr_t arch_syscall_arg(const struct arch_context *ctx, unsigned slot);
void arch_syscall_set_result(struct arch_context *ctx, unsigned slot, uintptr_t value);

/* The user program counter, for fault reports. */
uintptr_t arch_context_pc(const struct arch_context *ctx);

/* Load the thread pointer (TLS base) for the current thread; returns the value
 * loaded, which is what the thread keeps (x86_64 loads 0 for a base outside
 * user space: its fast paths load the kept value without a check). */
uintptr_t arch_set_tls(uintptr_t base);

/* ---- System ----------------------------------------------------------- */

/* Stop the machine with `status` as its exit status (QEMU's exit code through
 * semihosting; on hardware: halt). */
_Noreturn void arch_system_exit(int status);

#endif
