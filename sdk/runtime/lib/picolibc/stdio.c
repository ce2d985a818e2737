// SPDX-License-Identifier: BSD-2-Clause
/*
 * picolibc's stdin/stdout/stderr for a component: output is gathered into lines
 * and written with the debug_write system call, so a line from one component is
 * never interleaved with another's. Each thread gathers its own line (in its
 * TLS), so two threads of one component printing at once do not mix their
 * lines either, as with newlib's per-thread streams on x86_64.
 * A component that calls set_putchar() (as CAmkES apps do, to print through a
 * serial server's PutChar) sends each character to that function instead.
 */
#include <stdio.h>
#include <tessera.h>
#include "../putchar.h"

static __thread char line[DEBUG_WRITE_MAX];
static __thread size_t used;

static int flush_line(FILE *f)
{
    (void)f;
    if (used != 0)
        tessera_debug_write(line, used);
    used = 0;
    return 0;
}

static int put_char(char c, FILE *f)
{
    if (tessera_user_putchar != NULL) {
        tessera_user_putchar((unsigned char)c);
        return (unsigned char)c;
    }
    line[used++] = c;
    if (c == '\n' || used == sizeof(line))
        flush_line(f);
    return (unsigned char)c;
}

static FILE console = FDEV_SETUP_STREAM(put_char, NULL, flush_line, _FDEV_SETUP_WRITE);

FILE *const stdin = &console;
FILE *const stdout = &console;
FILE *const stderr = &console;
