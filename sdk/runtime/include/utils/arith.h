/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * Integer arithmetic helpers under seL4 libutils' names (<utils/arith.h>):
 * bits and masks, alignment, rounding, MIN/MAX/CLAMP, ARRAY_SIZE.
 *
 * MIN and MAX are spelt exactly as the C library's <sys/param.h> spells them,
 * so that including both is no redefinition; like those, they may evaluate an
 * argument twice, and they are constant expressions for constant arguments.
 * The statement-expression macros below (ROUND_UP, DIV_ROUND_UP, CLAMP, ...)
 * evaluate each argument once but cannot be used at file scope;
 * ROUND_UP_UNSAFE and friends can.
 */
#ifndef UTILS_ARITH_H
#define UTILS_ARITH_H

#include <limits.h>
#include <stdint.h>

#define BIT(n)                  (1ul << (n))
#define BIT_ULL(n)              (1ull << (n))
/* The low `n` bits set, for 1 <= n <= the bits in an unsigned long. */
#define MASK(n)                 (~0ul >> (sizeof(unsigned long) * CHAR_BIT - (n)))
#define MASK_UNSAFE(n)          (BIT(n) - 1ul)
/* Whether `x` is a multiple of 2^bits. */
#define IS_ALIGNED(x, bits)     (((x) & MASK_UNSAFE(bits)) == 0)

#define IS_POWER_OF_2_OR_ZERO(x) (((x) & ((x) - 1)) == 0)
#define IS_POWER_OF_2(x)        ((x) != 0 && IS_POWER_OF_2_OR_ZERO(x))
/* floor(log2(x)) of a non-zero unsigned long. */
#define LOG_BASE_2(x)           (sizeof(unsigned long) * CHAR_BIT - 1 - (unsigned)__builtin_clzl(x))

/* Alignment to `align`, a power of two. */
#define ALIGN_UP(x, align)      (((x) + ((align) - 1)) & ~((align) - 1))
#define ALIGN_DOWN(x, align)    ((x) & ~((align) - 1))

/* Rounding to any non-zero multiple `m`. */
#define ROUND_UP_UNSAFE(x, m)   ((x) % (m) == 0 ? (x) : (x) + ((m) - (x) % (m)))
#define ROUND_DOWN_UNSAFE(x, m) ((x) - (x) % (m))
#define ROUND_UP(x, m)                                          \
    ({ __typeof__(x) utils_x_ = (x); __typeof__(m) utils_m_ = (m); \
       ROUND_UP_UNSAFE(utils_x_, utils_m_); })
#define ROUND_DOWN(x, m)                                        \
    ({ __typeof__(x) utils_x_ = (x); __typeof__(m) utils_m_ = (m); \
       ROUND_DOWN_UNSAFE(utils_x_, utils_m_); })
#define DIV_ROUND_UP(n, d)                                      \
    ({ __typeof__(n) utils_n_ = (n); __typeof__(d) utils_d_ = (d); \
       utils_n_ / utils_d_ + (utils_n_ % utils_d_ != 0); })
/* n / d rounded to the nearest integer, halves up. */
#define DIV_ROUND(n, d)                                         \
    ({ __typeof__(n) utils_n_ = (n); __typeof__(d) utils_d_ = (d); \
       utils_n_ / utils_d_ + (utils_n_ % utils_d_ >= utils_d_ / 2 + utils_d_ % 2); })

#ifndef MIN
#define MIN(a,b) ((a) < (b) ? (a) : (b))
#endif
#ifndef MAX
#define MAX(a,b) ((a) > (b) ? (a) : (b))
#endif
#define MIN_UNSAFE(a, b)        ((a) < (b) ? (a) : (b))
#define MAX_UNSAFE(a, b)        ((a) > (b) ? (a) : (b))

/* `value` limited to [lo, hi]. */
#define CLAMP(lo, value, hi)                                    \
    ({ __typeof__(value) utils_v_ = (value); __typeof__(lo) utils_lo_ = (lo); \
       __typeof__(hi) utils_hi_ = (hi);                         \
       utils_v_ < utils_lo_ ? utils_lo_ : utils_v_ > utils_hi_ ? utils_hi_ : utils_v_; })
#define INRANGE(lo, x, hi)      MIN(MAX((x), (lo)), (hi))
#define ISINRANGE(lo, x, hi)    ((lo) <= (x) && (x) <= (hi))

/* Elements in an array (not a pointer). */
#define ARRAY_SIZE(a)           (sizeof(a) / sizeof((a)[0]))

#endif
