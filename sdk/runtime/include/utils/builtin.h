/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * Compiler built-ins under seL4 libutils' names (<utils/builtin.h>): bit
 * scans, branch hints, UNREACHABLE().
 */
#ifndef UTILS_BUILTIN_H
#define UTILS_BUILTIN_H

#include <assert.h>

#define likely(x)               __builtin_expect(!!(x), 1)
#define unlikely(x)             __builtin_expect(!!(x), 0)

/* Leading and trailing zero bits of an unsigned int (CLZ, CTZ) or unsigned
 * long (CLZL, CTZL); undefined for 0, as the built-ins are. */
#define CLZ(x)                  __builtin_clz(x)
#define CTZ(x)                  __builtin_ctz(x)
#define CLZL(x)                 __builtin_clzl(x)
#define CTZL(x)                 __builtin_ctzl(x)
#define CLZLL(x)                __builtin_clzll(x)
#define CTZLL(x)                __builtin_ctzll(x)
#define POPCOUNT(x)             __builtin_popcount(x)
#define POPCOUNTL(x)            __builtin_popcountl(x)

#define OFFSETOF(type, member)  __builtin_offsetof(type, member)
#define TYPES_COMPATIBLE(a, b)  __builtin_types_compatible_p(a, b)
#define CHOOSE_EXPR(c, x, y)    __builtin_choose_expr(c, x, y)
#define IS_CONSTANT(x)          __builtin_constant_p(x)

/* Code that must never run: a failed assertion where assertions are on. */
#define UNREACHABLE()                           \
    do {                                        \
        assert(!"unreachable code reached");    \
        __builtin_unreachable();                \
    } while (0)

#endif
