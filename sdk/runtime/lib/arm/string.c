// SPDX-License-Identifier: BSD-2-Clause
/*
 * Word-at-a-time memcpy, memset, strlen and strnlen for ARM components.
 * Debian's picolibc for arm-none-eabi is built for size: each of these is a
 * byte loop (3 to 4 instructions a byte), and the generated RPC glue runs
 * them over every string and array it marshals (rpc.h: strlen, then memcpy,
 * into the IPC buffer; rpc.c: the server's copy of a request). These take a
 * word (4 bytes) per step once the pointers are aligned (memcpy 8 words per
 * ldm/stm pair), and being defined here the linker never takes
 * picolibc's (every symbol of its members is defined already).
 *
 * Only aligned word accesses: a component's memory is Normal, but the
 * alignment check is not the runtime's to assume off. An aligned word never
 * crosses a page, so reading a whole word around a string's end is safe.
 */
#include <stddef.h>
#include <stdint.h>

typedef uint32_t __attribute__((may_alias)) word_t;

#define ONES  0x01010101u
#define HIGHS 0x80808080u
#define HAS_ZERO(v) (((v) - ONES) & ~(v) & HIGHS)   /* non-zero iff a byte of v is 0 */

/* GCC must not turn the byte loops below back into calls to these very
 * functions. */
#define NO_PATTERNS __attribute__((optimize("no-tree-loop-distribute-patterns")))

NO_PATTERNS void *memcpy(void *restrict dst, const void *restrict src, size_t n)
{
    unsigned char *d = dst;
    const unsigned char *s = src;

    if ((((uintptr_t)d ^ (uintptr_t)s) & 3) == 0) {
        for (; n != 0 && ((uintptr_t)d & 3) != 0; n--)
            *d++ = *s++;
        word_t *dw = (word_t *)d;
        const word_t *sw = (const word_t *)s;
        /* 32 bytes a step through eight registers, one ldm and one stm (what
         * the Cortex-A's load/store units move fastest, and 4 instructions
         * for 8 words), then 16 */
        if (n >= 32) {
            size_t steps = n / 32;
            n -= steps * 32;
            __asm__ volatile("1:\n\t"
                             "ldm    %[s]!, {r3-r10}\n\t"
                             "stm    %[d]!, {r3-r10}\n\t"
                             "subs   %[k], %[k], #1\n\t"
                             "bne    1b"
                             : [s] "+r"(sw), [d] "+r"(dw), [k] "+r"(steps)
                             :
                             : "r3", "r4", "r5", "r6", "r7", "r8", "r9", "r10", "memory", "cc");
        }
        if (n >= 16) {
            n -= 16;
            __asm__ volatile("ldm    %[s]!, {r3-r6}\n\t"
                             "stm    %[d]!, {r3-r6}"
                             : [s] "+r"(sw), [d] "+r"(dw)
                             :
                             : "r3", "r4", "r5", "r6", "memory");
        }
        for (; n >= 4; n -= 4)
            *dw++ = *sw++;
        d = (unsigned char *)dw;
        s = (const unsigned char *)sw;
    }
    for (; n != 0; n--)
        *d++ = *s++;
    return dst;
}

/* The run-time ABI's names for memcpy (the 4 and 8 variants only promise
 * alignment). */
__asm__(".global __aeabi_memcpy\n.set __aeabi_memcpy, memcpy\n"
        ".global __aeabi_memcpy4\n.set __aeabi_memcpy4, memcpy\n"
        ".global __aeabi_memcpy8\n.set __aeabi_memcpy8, memcpy");

NO_PATTERNS void *memset(void *dst, int c, size_t n)
{
    unsigned char *d = dst;
    uint32_t w = (unsigned char)c * ONES;

    for (; n != 0 && ((uintptr_t)d & 3) != 0; n--)
        *d++ = (unsigned char)c;
    word_t *dw = (word_t *)d;
    for (; n >= 16; n -= 16, dw += 4) {
        dw[0] = w;
        dw[1] = w;
        dw[2] = w;
        dw[3] = w;
    }
    for (; n >= 4; n -= 4)
        *dw++ = w;
    d = (unsigned char *)dw;
    for (; n != 0; n--)
        *d++ = (unsigned char)c;
    return dst;
}

/* The first zero byte of the aligned word v (little-endian), which has one. */
static inline size_t zero_byte(uint32_t v)
{
    return (size_t)__builtin_ctz(HAS_ZERO(v)) / 8;
}

NO_PATTERNS size_t strlen(const char *s)
{
    const char *p = s;

    for (; ((uintptr_t)p & 3) != 0; p++) {
        if (*p == '\0')
            return (size_t)(p - s);
    }
    const word_t *w = (const word_t *)p;
    while (!HAS_ZERO(*w))
        w++;
    return (size_t)((const char *)w - s) + zero_byte(*w);
}

NO_PATTERNS size_t strnlen(const char *s, size_t max)
{
    const char *p = s, *end = s + max;

    for (; p != end && ((uintptr_t)p & 3) != 0; p++) {
        if (*p == '\0')
            return (size_t)(p - s);
    }
    const word_t *w = (const word_t *)p;
    for (; (size_t)(end - (const char *)w) >= 4; w++) {
        if (HAS_ZERO(*w))
            return (size_t)((const char *)w - s) + zero_byte(*w);
    }
    for (p = (const char *)w; p != end && *p != '\0'; p++)
        ;
    return (size_t)(p - s);
}
