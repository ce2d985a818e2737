// SPDX-License-Identifier: BSD-2-Clause
/*
 * The kernel console: a small printf over arch_console_putc(). The kernel has
 * no C library; this is the only formatting code it carries.
 */
#include <stdarg.h>
#include <stdint.h>
#include <arch.h>
#include <kernel/console.h>

void console_write(const char *buf, size_t len)
{
    for (size_t i = 0; i < len; i++) {
        if (buf[i] == '\n')
            arch_console_putc('\r');
        arch_console_putc(buf[i]);
    }
}

static void put_padded(const char *s, int len, int width, char pad)
{
    for (int i = len; i < width; i++)
        arch_console_putc(pad);
    console_write(s, (size_t)len);
}

static void put_number(unsigned long long v, unsigned base, int negative, int width, char pad)
{
    char buf[24];
    int n = sizeof(buf);

    do {
        buf[--n] = "0123456789abcdef"[v % base];
        v /= base;
    } while (v != 0);
    if (negative)
        buf[--n] = '-';
    put_padded(&buf[n], (int)sizeof(buf) - n, width, pad);
}

void kvprintf(const char *fmt, va_list ap)
{
    for (; *fmt != '\0'; fmt++) {
        if (*fmt != '%') {
            console_write(fmt, 1);
            continue;
        }
        fmt++;
        char pad = ' ';
        int width = 0, longs = 0;
        if (*fmt == '0') {
            pad = '0';
            fmt++;
        }
        while (*fmt >= '0' && *fmt <= '9')
            width = width * 10 + (*fmt++ - '0');
        while (*fmt == 'l') {
            longs++;
            fmt++;
        }
        if (*fmt == 'z') {
            longs = sizeof(size_t) == sizeof(long) ? 1 : 0;
            fmt++;
        }
        unsigned long long u;
        long long s;
        switch (*fmt) {
        case 's': {
            const char *str = va_arg(ap, const char *);
            int len = 0;
            if (str == NULL)
                str = "(null)";
            while (str[len] != '\0')
                len++;
            put_padded(str, len, width, ' ');
            break;
        }
        case 'c': {
            char c = (char)va_arg(ap, int);
            put_padded(&c, 1, width, ' ');
            break;
        }
        case 'd':
            s = longs >= 2 ? va_arg(ap, long long) : longs ? va_arg(ap, long) : va_arg(ap, int);
            put_number(s < 0 ? (unsigned long long)-s : (unsigned long long)s, 10, s < 0, width, pad);
            break;
        case 'u':
        case 'x':
            u = longs >= 2 ? va_arg(ap, unsigned long long)
                : longs ? va_arg(ap, unsigned long) : va_arg(ap, unsigned int);
            put_number(u, *fmt == 'u' ? 10 : 16, 0, width, pad);
            break;
        case 'p':
            console_write("0x", 2);
            put_number((uintptr_t)va_arg(ap, void *), 16, 0, 2 * (int)sizeof(void *), '0');
            break;
        case '%':
            console_write("%", 1);
            break;
        default:
            console_write("%?", 2);
            break;
        }
    }
}

void kprintf(const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    kvprintf(fmt, ap);
    va_end(ap);
}

_Noreturn void panic(int status, const char *fmt, ...)
{
    va_list ap;
    kprintf("\nKERNEL PANIC: ");
    va_start(ap, fmt);
    kvprintf(fmt, ap);
    va_end(ap);
    kprintf("\nsystem halted (status %d)\n", status);
    arch_system_exit(status);
}
