// SPDX-License-Identifier: BSD-2-Clause
/*
 * The system calls newlib's stdio and malloc sit on (x86_64 components;
 * sdk/runtime/lib/x86_64/libc.cmake): standard output and standard error are
 * the kernel console, written with the debug_write system call; the heap is
 * the component's .heap section (component.ld, sized by its heap_size). There
 * are no files. newlib keeps stdout line-buffered (the console is a
 * terminal), so each line reaches the console in one write, never interleaved
 * with another component's.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdint.h>
#include <sys/stat.h>
#include <unistd.h>
#include <tessera.h>
#include "../putchar.h"

extern char __heap_start[], __heap_end[];

static int is_console(int fd)
{
    return fd == STDIN_FILENO || fd == STDOUT_FILENO || fd == STDERR_FILENO;
}

_READ_WRITE_RETURN_TYPE write(int fd, const void *buf, size_t len)
{
    if (fd != STDOUT_FILENO && fd != STDERR_FILENO) {
        errno = EBADF;
        return -1;
    }
    if (tessera_user_putchar != NULL) {         /* set_putchar(): through the component's own output */
        for (size_t i = 0; i < len; i++)
            tessera_user_putchar(((const unsigned char *)buf)[i]);
        return (_READ_WRITE_RETURN_TYPE)len;
    }
    for (size_t done = 0; done < len; done += DEBUG_WRITE_MAX) {
        size_t n = len - done < DEBUG_WRITE_MAX ? len - done : DEBUG_WRITE_MAX;
        tessera_debug_write((const char *)buf + done, n);
    }
    return (_READ_WRITE_RETURN_TYPE)len;
}

/* Standard input is the console's, which only the kernel reads: always at its end. */
_READ_WRITE_RETURN_TYPE read(int fd, void *buf, size_t len)
{
    (void)buf;
    (void)len;
    if (fd != STDIN_FILENO) {
        errno = EBADF;
        return -1;
    }
    return 0;
}

int open(const char *path, int flags, ...)
{
    (void)path;
    (void)flags;
    errno = ENOENT;
    return -1;
}

int close(int fd)
{
    if (!is_console(fd)) {
        errno = EBADF;
        return -1;
    }
    return 0;
}

int fstat(int fd, struct stat *st)
{
    if (!is_console(fd)) {
        errno = EBADF;
        return -1;
    }
    *st = (struct stat){ .st_mode = S_IFCHR };
    return 0;
}

int isatty(int fd)
{
    if (!is_console(fd)) {
        errno = EBADF;
        return 0;
    }
    return 1;
}

off_t lseek(int fd, off_t offset, int whence)
{
    (void)offset;
    (void)whence;
    errno = is_console(fd) ? ESPIPE : EBADF;
    return -1;
}

/* The heap grows from __heap_start up to __heap_end, never beyond. */
void *sbrk(ptrdiff_t increment)
{
    static char *brk = __heap_start;
    char *old = brk;

    if (increment > __heap_end - brk || increment < __heap_start - brk) {
        errno = ENOMEM;
        return (void *)-1;
    }
    brk += increment;
    return old;
}
