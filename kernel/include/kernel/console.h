/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * The kernel console: formatted output over arch_console_putc(). Used for the
 * banner, fault reports and the debug_write system call; never from user context
 * without the kernel having checked the bytes' source.
 */
#ifndef KERNEL_CONSOLE_H
#define KERNEL_CONSOLE_H

#include <stddef.h>
#include <stdarg.h>

/* printf subset: %s %c %d %u %x %p, width and '0' flag, 'l'/'ll' length. */
void kprintf(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
void kvprintf(const char *fmt, va_list ap);
void console_write(const char *buf, size_t len);

/* debug_write from address space `vspace`: buffered until the line is whole
 * (or idle), so that sources never interleave inside a line. */
void console_user_write(unsigned vspace, const char *buf, size_t len);

/* From the kernel tick: emit partial lines that have been idle long enough
 * (one load and a branch on a tick when no line is partial). */
extern unsigned console_lines_partial;
void console_tick_lines(void);
static inline void console_tick(void)
{
    if (console_lines_partial != 0)
        console_tick_lines();
}

/* Console input for the address space spec_console_input names. */
int console_input_owned(void);
void console_input_init(void);          /* boot: receive interrupts on, if owned */
void console_input_irq(void);           /* the UART's receive interrupt */
size_t console_read(char *buf, size_t len);

/* Report why the kernel stopped, then stop the machine with `status`. */
_Noreturn void panic(int status, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

#endif
