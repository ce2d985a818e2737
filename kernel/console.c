// SPDX-License-Identifier: BSD-2-Clause
/*
 * The kernel console: a small printf over arch_console_putc(), the lines that
 * components write (debug_write) and what the user types (console_read). The
 * kernel has no C library; this is the only formatting code it carries.
 *
 * Every address space writes into a line buffer of its own, and a line reaches
 * the UART whole: at its newline, when the buffer is full, or when it has been
 * idle for LINE_IDLE_MS (a shell's prompt). So components and a guest that
 * share the one UART never interleave inside a line; when another source
 * writes while a partial line is on the screen, it starts on a new line.
 */
#include <stdarg.h>
#include <stdint.h>
#include <arch.h>
#include <board_config.h>
#include <kernel/console.h>
#include <kernel/notification.h>
#include <kernel/spec.h>
#include <spec_limits.h>

#define LINE_BYTES 160
#define LINE_IDLE_MS 20
#define LINE_IDLE_TICKS (BOARD_TICK_HZ * LINE_IDLE_MS / 1000 > 0 ? BOARD_TICK_HZ * LINE_IDLE_MS / 1000 : 1)

struct line {
    uint16_t len;
    uint16_t idle;               /* ticks since its last byte */
    char buf[LINE_BYTES];
};

static struct line lines[SPEC_MAX_VSPACES];
unsigned console_lines_partial;  /* how many buffers hold bytes */
static int on_screen = -1;       /* the address space whose partial line ends the output, or -1 */

/* Newlines become CR LF, except where the writer sent CR LF itself (a guest's
 * serial console does). */
static void raw_write(const char *buf, size_t len)
{
    static char last;

    for (size_t i = 0; i < len; i++) {
        if (buf[i] == '\n' && last != '\r')
            arch_console_putc('\r');
        arch_console_putc(buf[i]);
        last = buf[i];
    }
}

static void line_emit(unsigned i)
{
    struct line *l = &lines[i];

    if (on_screen >= 0 && on_screen != (int)i)
        raw_write("\n", 1);            /* another source's partial line ends here */
    raw_write(l->buf, l->len);
    on_screen = l->buf[l->len - 1] == '\n' ? -1 : (int)i;
    l->len = 0;
    console_lines_partial--;
}

/* Every buffered partial line, before the kernel's own output. */
static void lines_flush(void)
{
    for (unsigned i = 0; i < spec_nvspaces && console_lines_partial != 0; i++) {
        if (lines[i].len != 0)
            line_emit(i);
    }
}

void console_write(const char *buf, size_t len)
{
    if (console_lines_partial != 0)
        lines_flush();
    if (on_screen >= 0) {
        raw_write("\n", 1);
        on_screen = -1;
    }
    raw_write(buf, len);
}

void console_user_write(unsigned vspace, const char *buf, size_t len)
{
    struct line *l = &lines[vspace];

    for (size_t i = 0; i < len; i++) {
        if (l->len == 0)
            console_lines_partial++;
        l->buf[l->len++] = buf[i];
        l->idle = 0;
        if (buf[i] == '\n' || l->len == LINE_BYTES)
            line_emit(vspace);
    }
}

void console_tick_lines(void)
{
    for (unsigned i = 0; i < spec_nvspaces; i++) {
        if (lines[i].len != 0 && ++lines[i].idle >= LINE_IDLE_TICKS)
            line_emit(i);
    }
}

/* ---- Input ------------------------------------------------------------ */

#define INPUT_BYTES 256u

static char input[INPUT_BYTES];
static unsigned input_read, input_written;      /* free-running indices */

int console_input_owned(void)
{
    return spec_console_input.vspace != SPEC_NONE;
}

void console_input_init(void)
{
    if (console_input_owned())
        arch_console_input_enable();
}

__attribute__((noinline)) void console_input_irq(void)
{
    int c, got = 0;

    while ((c = arch_console_getc()) >= 0) {
        if (input_written - input_read < INPUT_BYTES)   /* full: the byte is lost */
            input[input_written++ % INPUT_BYTES] = (char)c;
        got = 1;
    }
    if (got)
        ntfn_signal(&notifications[spec_console_input.notification], spec_console_input.badge);
}

size_t console_read(char *buf, size_t len)
{
    size_t n = 0;

    while (n < len && input_read != input_written)
        buf[n++] = input[input_read++ % INPUT_BYTES];
    return n;
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
