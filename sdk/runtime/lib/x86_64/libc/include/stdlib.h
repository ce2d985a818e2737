/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * The general utilities of C for x86_64 components: the heap (the component's
 * .heap section, sized by its heap_size), the ends of a thread, integer
 * helpers. The heap has no lock: as with picolibc's default build, threads of
 * one component must not allocate concurrently.
 */
#ifndef _STDLIB_H
#define _STDLIB_H

#include <stddef.h>

#define EXIT_SUCCESS 0
#define EXIT_FAILURE 1

void *malloc(size_t size);
void *calloc(size_t count, size_t size);
void *realloc(void *p, size_t size);
void free(void *p);

_Noreturn void exit(int status);
_Noreturn void abort(void);

int abs(int v);
long labs(long v);
long long llabs(long long v);
void qsort(void *base, size_t count, size_t size, int (*compare)(const void *, const void *));
void *bsearch(const void *key, const void *base, size_t count, size_t size,
              int (*compare)(const void *, const void *));
long strtol(const char *s, char **end, int base);
unsigned long strtoul(const char *s, char **end, int base);
int atoi(const char *s);

#endif
