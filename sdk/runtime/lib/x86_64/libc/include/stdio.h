/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * Standard output for x86_64 components: the part of C's stdio a component
 * uses, over picolibc's tinystdio stream interface (a FILE is a put, a get
 * and a flush function), so that sdk/runtime/lib/stdio.c is the same on every
 * architecture. No files, no input buffering, no floating-point conversions.
 */
#ifndef _STDIO_H
#define _STDIO_H

#include <stdarg.h>
#include <stddef.h>

typedef struct __file FILE;

struct __file {
    int (*put)(char, FILE *);
    int (*get)(FILE *);
    int (*flush)(FILE *);
    unsigned char flags;
};

#define _FDEV_SETUP_READ    1
#define _FDEV_SETUP_WRITE   2
#define _FDEV_SETUP_RW      3
#define _FDEV_EOF           (-1)
#define _FDEV_ERR           (-2)
#define FDEV_SETUP_STREAM(p, g, f, rwflag) { .put = (p), .get = (g), .flush = (f), .flags = (rwflag) }

#define EOF (-1)

extern FILE *const stdin;
extern FILE *const stdout;
extern FILE *const stderr;

int fputc(int c, FILE *stream);
int putc(int c, FILE *stream);
int putchar(int c);
int fputs(const char *s, FILE *stream);
int puts(const char *s);
int fgetc(FILE *stream);
int getc(FILE *stream);
int getchar(void);
int fflush(FILE *stream);

int printf(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
int fprintf(FILE *stream, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
int sprintf(char *buf, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
int snprintf(char *buf, size_t size, const char *fmt, ...) __attribute__((format(printf, 3, 4)));
int vprintf(const char *fmt, va_list ap);
int vfprintf(FILE *stream, const char *fmt, va_list ap);
int vsprintf(char *buf, const char *fmt, va_list ap);
int vsnprintf(char *buf, size_t size, const char *fmt, va_list ap);

#endif
