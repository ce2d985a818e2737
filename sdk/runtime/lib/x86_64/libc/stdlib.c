// SPDX-License-Identifier: BSD-2-Clause
/*
 * The heap and the rest of stdlib.h. The heap is the component's .heap
 * section (component.ld.in, sized by heap_size): a first-fit list of free blocks
 * in address order, split on allocation and merged with their neighbours on
 * free. Every block starts with a 16-byte header and is 16-byte aligned.
 * qsort is a heapsort: no recursion, no extra memory, O(n log n).
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <tessera.h>

struct block {
    size_t size;                /* bytes, header included */
    struct block *next;         /* the next free block (free blocks only) */
};

#define HEADER  sizeof(struct block)
#define ALIGN   16u

extern char __heap_start[], __heap_end[];

static struct block *free_list;
static int heap_ready;

static void heap_init(void)
{
    uintptr_t start = ((uintptr_t)__heap_start + ALIGN - 1) & ~(uintptr_t)(ALIGN - 1);

    heap_ready = 1;
    if ((uintptr_t)__heap_end < start + HEADER + ALIGN)
        return;
    free_list = (struct block *)start;
    free_list->size = ((uintptr_t)__heap_end - start) & ~(uintptr_t)(ALIGN - 1);
    free_list->next = NULL;
}

void *malloc(size_t size)
{
    if (!heap_ready)
        heap_init();
    if (size > (size_t)(__heap_end - __heap_start))
        return NULL;
    size_t need = HEADER + ((size + ALIGN - 1) & ~(size_t)(ALIGN - 1));
    for (struct block **link = &free_list; *link != NULL; link = &(*link)->next) {
        struct block *b = *link;
        if (b->size < need)
            continue;
        if (b->size - need >= HEADER + ALIGN) {
            struct block *rest = (struct block *)((char *)b + need);
            rest->size = b->size - need;
            rest->next = b->next;
            *link = rest;
            b->size = need;
        } else {
            *link = b->next;
        }
        return (char *)b + HEADER;
    }
    return NULL;
}

void free(void *p)
{
    if (p == NULL)
        return;
    struct block *b = (struct block *)((char *)p - HEADER), *prev = NULL, *next = free_list;
    while (next != NULL && next < b) {
        prev = next;
        next = next->next;
    }
    b->next = next;
    if (next != NULL && (char *)b + b->size == (char *)next) {
        b->size += next->size;
        b->next = next->next;
    }
    if (prev == NULL) {
        free_list = b;
    } else if ((char *)prev + prev->size == (char *)b) {
        prev->size += b->size;
        prev->next = b->next;
    } else {
        prev->next = b;
    }
}

void *calloc(size_t count, size_t size)
{
    if (size != 0 && count > SIZE_MAX / size)
        return NULL;
    void *p = malloc(count * size);
    if (p != NULL)
        memset(p, 0, count * size);
    return p;
}

void *realloc(void *p, size_t size)
{
    if (p == NULL)
        return malloc(size);
    size_t have = ((struct block *)((char *)p - HEADER))->size - HEADER;
    if (size <= have)
        return p;
    void *q = malloc(size);
    if (q != NULL) {
        memcpy(q, p, have);
        free(p);
    }
    return q;
}

void exit(int status)
{
    tessera_thread_exit(status);
}

void abort(void)
{
    __builtin_trap();                   /* a fault the kernel reports, with the PC */
}

int abs(int v)
{
    return v < 0 ? -v : v;
}

long labs(long v)
{
    return v < 0 ? -v : v;
}

long long llabs(long long v)
{
    return v < 0 ? -v : v;
}

static int digit_value(char c)
{
    if (c >= '0' && c <= '9')
        return c - '0';
    if (c >= 'a' && c <= 'z')
        return c - 'a' + 10;
    if (c >= 'A' && c <= 'Z')
        return c - 'A' + 10;
    return 99;
}

unsigned long strtoul(const char *s, char **end, int base)
{
    const char *p = s;
    unsigned long v = 0;
    int negative = 0;

    while (*p == ' ' || (*p >= '\t' && *p <= '\r'))
        p++;
    if (*p == '+' || *p == '-')
        negative = *p++ == '-';
    if ((base == 0 || base == 16) && p[0] == '0' && (p[1] == 'x' || p[1] == 'X') &&
        digit_value(p[2]) < 16) {
        p += 2;
        base = 16;
    } else if (base == 0) {
        base = p[0] == '0' ? 8 : 10;
    }
    const char *digits = p;
    while (digit_value(*p) < base)
        v = v * (unsigned long)base + (unsigned long)digit_value(*p++);
    if (end != NULL)
        *end = (char *)(p == digits ? s : p);
    return negative ? -v : v;
}

long strtol(const char *s, char **end, int base)
{
    return (long)strtoul(s, end, base);
}

int atoi(const char *s)
{
    return (int)strtol(s, NULL, 10);
}

static void swap_bytes(unsigned char *a, unsigned char *b, size_t size)
{
    for (size_t i = 0; i < size; i++) {
        unsigned char t = a[i];
        a[i] = b[i];
        b[i] = t;
    }
}

/* Sift element `root` down the heap of the first `count` elements. */
static void sift_down(unsigned char *base, size_t root, size_t count, size_t size,
                      int (*compare)(const void *, const void *))
{
    for (size_t child; (child = 2 * root + 1) < count; root = child) {
        if (child + 1 < count && compare(base + child * size, base + (child + 1) * size) < 0)
            child++;
        if (compare(base + root * size, base + child * size) >= 0)
            return;
        swap_bytes(base + root * size, base + child * size, size);
    }
}

void qsort(void *base, size_t count, size_t size, int (*compare)(const void *, const void *))
{
    unsigned char *b = base;

    for (size_t i = count / 2; i-- > 0;)
        sift_down(b, i, count, size, compare);
    for (size_t end = count; end > 1; end--) {
        swap_bytes(b, b + (end - 1) * size, size);
        sift_down(b, 0, end - 1, size, compare);
    }
}

void *bsearch(const void *key, const void *base, size_t count, size_t size,
              int (*compare)(const void *, const void *))
{
    const unsigned char *b = base;

    while (count > 0) {
        const unsigned char *middle = b + (count / 2) * size;
        int c = compare(key, middle);
        if (c == 0)
            return (void *)middle;
        if (c > 0) {
            b = middle + size;
            count -= count / 2 + 1;
        } else {
            count /= 2;
        }
    }
    return NULL;
}
