// SPDX-License-Identifier: BSD-2-Clause
/*
 * x86_64 early initialisation in ring 0, long mode: the console, descriptor
 * tables, the kernel's page tables, SYSCALL, the FPU for user mode, the local
 * APIC and the time sources; the banner's CPU name; and the way out through
 * QEMU's isa-debug-exit device.
 */
#include <stdint.h>
#include <arch.h>
#include <arch/cpu.h>
#include <arch/drivers.h>
#include <board_config.h>
#include <kernel/console.h>

uint8_t fpu_initial_state[512] __attribute__((aligned(16)));

/* x87 and SSE on for user mode (the kernel itself is built without them):
 * each thread starts from the state FNINIT leaves, MXCSR at its reset value.
 * Then CR0.TS: no thread has used the FPU yet, so the first to do so traps
 * and loads its own registers (vspace.c). */
static void fpu_init(void)
{
    uint32_t mxcsr = 0x1f80;
    uint64_t cr0 = (CR_READ(0) & ~(uint64_t)(CR0_EM | CR0_TS)) | CR0_MP | CR0_NE;

    CR_WRITE(0, cr0);
    CR_WRITE(4, CR_READ(4) | CR4_OSFXSR | CR4_OSXMMEXCPT);
    __asm__ volatile("fninit; ldmxcsr %1; fxsave64 %0" : "=m"(fpu_initial_state) : "m"(mxcsr));
    x86_cr0_fpu_trap = cr0 | CR0_TS;
    CR_WRITE(0, x86_cr0_fpu_trap);
}

void arch_early_init(void)
{
    uart_init();                        /* port I/O: works before anything else */
    gdt_init();                         /* off the boot GDT; the TSS */
    idt_init();                         /* from here on every exception is reported */
    mmu_init();                         /* the kernel's own page tables */
    syscall_init();
    fpu_init();
    lapic_init();
    timer_calibrate();                  /* before the banner, which shows the TSC rate */
}

/* The brand string: CPUID leaves 0x80000002-4, 16 characters each, in
 * eax, ebx, ecx, edx order, least significant byte first. */
const char *arch_cpu_name(void)
{
    static char name[49];
    char *p = name;

    if (cpuid(0x80000000, 0).eax < 0x80000004)
        return "x86_64";
    for (unsigned i = 0; i < 3; i++) {
        struct cpuid r = cpuid(0x80000002 + i, 0);
        uint32_t words[4] = { r.eax, r.ebx, r.ecx, r.edx };
        for (unsigned w = 0; w < 4; w++) {
            for (unsigned b = 0; b < 4; b++)
                *p++ = (char)(words[w] >> (8 * b));
        }
    }
    for (p = name; *p == ' '; p++)
        ;
    return p;
}

const char *arch_kernel_mode(void)
{
    return "ring 0 (long mode)";
}

void arch_console_putc(char c)
{
    uart_putc(c);
}

/* Console input is not wired on x86_64 yet: no component reads it here (the
 * generator names a reader only for a virtual machine, which needs ARM). */
int arch_console_getc(void)
{
    return -1;
}

void arch_console_input_enable(void)
{
}

/* The largest status the exit port carries: QEMU's exit code is 8 bits. */
#define EXIT_STATUS_MAX (0x7f - BOARD_EXIT_STATUS_BASE)

_Noreturn void arch_system_exit(int status)
{
    /* QEMU's isa-debug-exit ends QEMU with (value << 1) | 1; `tessera run`
     * turns that back into the status. On a real PC nothing listens: halt. */
    if (status < 0 || status > (int)EXIT_STATUS_MAX)
        status = (int)EXIT_STATUS_MAX;
    outb(BOARD_EXIT_PORT, (uint8_t)(BOARD_EXIT_STATUS_BASE + status));
    kprintf("system halted\n");
    for (;;)
        __asm__ volatile("cli; hlt");
}
