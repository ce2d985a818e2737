// SPDX-License-Identifier: BSD-2-Clause
/*
 * ARMv7-A early initialisation in Hyp mode: vectors, Hyp configuration for
 * native components (HCR.TGE|DC|VM: PL0 with stage 1 off and stage 2 on), the
 * kernel's own translation and caches, timer access and the PMU.
 */
#include <stdint.h>
#include <arch.h>
#include <arch/cpu.h>
#include <arch/drivers.h>
#include <board_config.h>
#include <kernel/console.h>
#include <tessera/abi.h>

#define HCR_VM  (1u << 0)
#define HCR_DC  (1u << 12)
#define HCR_TGE (1u << 27)

/* Stage 2: 32-bit IPA (T0SZ = 0), walk from level 1 (SL0 = 1), inner-shareable
 * write-back write-allocate walks. */
#define VTCR_VALUE 0x80003540u

void arch_early_init(void)
{
    write_hvbar((uintptr_t)hyp_vectors);
    isb();
    write_cnthctl(3);                   /* PL1PCTEN | PL1PCEN; UNKNOWN at reset on hardware */
    write_cntvoff(0);
    write_cntkctl(1u << 1);             /* PL0VCTEN: CNTVCT readable from user mode */
    write_hstr(0);
    write_hcptr(0);
    write_vtcr(VTCR_VALUE);
    write_hcr(HCR_TGE | HCR_DC | HCR_VM);
    isb();
    mmu_init();
    uart_init();
    pmu_init();
}

const char *arch_cpu_name(void)
{
    static char name[32];
    uint32_t midr = read_midr();
    unsigned part = (midr >> 4) & 0xfff;
    const char *base = part == 0xc0f ? "Cortex-A15" : part == 0xc07 ? "Cortex-A7" : "ARMv7-A";
    char *p = name;

    while (*base != '\0')
        *p++ = *base++;
    *p++ = ' ';
    *p++ = 'r';
    *p++ = (char)('0' + ((midr >> 20) & 0xf));
    *p++ = 'p';
    *p++ = (char)('0' + (midr & 0xf));
    *p = '\0';
    return name;
}

const char *arch_kernel_mode(void)
{
    return "Hyp mode (PL2)";
}

void arch_console_putc(char c)
{
    uart_putc(c);
}

int arch_console_getc(void)
{
    return uart_getc();
}

void arch_console_input_enable(void)
{
#ifdef BOARD_UART_IRQ
    uart_rx_interrupt_enable();
    irqc_enable(BOARD_UART_IRQ);
#endif
}

/* Entry in a mode from which Hyp cannot be reached (e.g. the Non-secure SVC of
 * QEMU raspi2b's raw-binary boot): say so, rather than hang. */
void arm_bad_entry(uint32_t cpsr)
{
    uart_init();
    kprintf("\nTessera: entered in CPU mode 0x%x (CPSR 0x%08x); the kernel needs Hyp mode or\n"
            "Secure SVC (to reach Hyp through Monitor mode). Boot the ELF image, or use a\n"
            "loader that enters in Hyp.\n", (unsigned)(cpsr & 0x1f), (unsigned)cpsr);
    arch_system_exit(EXIT_KERNEL_PANIC);
}

/* The largest status QEMU's exit code (8 bits) carries above the board's base. */
#define EXIT_STATUS_MAX (0xff - BOARD_EXIT_STATUS_BASE)

_Noreturn void arch_system_exit(int status)
{
    static volatile uint32_t block[2];

    /* QEMU exits with status_base + status, so that its own endings (a quit by
     * hand or a signal: 0) never pass for a system's; `tessera run` turns it back. */
    if (status < 0 || status > (int)EXIT_STATUS_MAX)
        status = (int)EXIT_STATUS_MAX;
    block[0] = 0x20026;                 /* ADP_Stopped_ApplicationExit */
    block[1] = (uint32_t)(BOARD_EXIT_STATUS_BASE + status);
    arm_semihost_exit(0x20, block);     /* SYS_EXIT_EXTENDED */
    for (;;)
        wfi();
}
