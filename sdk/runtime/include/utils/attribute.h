/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * Attribute shorthands under the names seL4's libutils gives them
 * (<utils/attribute.h>), for CAmkES component code: UNUSED, PACKED,
 * NORETURN, WEAK, ALIGN(n) (an alignment attribute, not a rounding: that is
 * ALIGN_UP in <utils/arith.h>), ...
 */
#ifndef UTILS_ATTRIBUTE_H
#define UTILS_ATTRIBUTE_H

#define UNUSED                  __attribute__((__unused__))
#define USED                    __attribute__((__used__))
#define PACKED                  __attribute__((__packed__))
#define NORETURN                __attribute__((__noreturn__))
#define WEAK                    __attribute__((__weak__))
#define ALIGN(n)                __attribute__((__aligned__(n)))
#define ALIAS(sym)              __attribute__((__alias__(#sym)))
#define SECTION(name)           __attribute__((__section__(name)))
#define NO_INLINE               __attribute__((__noinline__))
#define ALWAYS_INLINE           __attribute__((__always_inline__))
#define COLD                    __attribute__((__cold__))
#define HOT                     __attribute__((__hot__))
#define MALLOC                  __attribute__((__malloc__))
#define PURE                    __attribute__((__pure__))
#define CONST                   __attribute__((__const__))
#define VISIBLE                 __attribute__((__externally_visible__))
#define NONNULL(...)            __attribute__((__nonnull__(__VA_ARGS__)))
#define NONNULL_ALL             __attribute__((__nonnull__))
#define RETURNS_NONNULL         __attribute__((__returns_nonnull__))
#define WARN_UNUSED_RESULT      __attribute__((__warn_unused_result__))
#define DEPRECATED(msg)         __attribute__((__deprecated__(msg)))
#define WARNING(msg)            __attribute__((__warning__(msg)))
#define ERROR(msg)              __attribute__((__error__(msg)))
#define FORMAT(kind, fmt, args) __attribute__((__format__(kind, fmt, args)))
#define SENTINEL(pos)           __attribute__((__sentinel__(pos)))
#define SENTINEL_LAST           __attribute__((__sentinel__))
#define CLEANUP(fn)             __attribute__((__cleanup__(fn)))
#define ALLOC_SIZE(...)         __attribute__((__alloc_size__(__VA_ARGS__)))
#define ALLOC_ALIGN(arg)        __attribute__((__alloc_align__(arg)))
#define ASSUME_ALIGNED(...)     __attribute__((__assume_aligned__(__VA_ARGS__)))
#define CONSTRUCTOR(priority)   __attribute__((__constructor__(priority)))
#define CONSTRUCTOR_MIN_PRIORITY 101
#define CONSTRUCTOR_MAX_PRIORITY 65535

#endif
