/* SPDX-License-Identifier: BSD-2-Clause */
/* PRINT_ONCE(fmt, ...): printf the first time this line runs, never again
 * (seL4 libutils' <utils/debug.h>). */
#ifndef UTILS_DEBUG_H
#define UTILS_DEBUG_H

#include <stdbool.h>
#include <stdio.h>

#define PRINT_ONCE(...)                                 \
    do {                                                \
        static bool utils_printed_;                     \
        if (!utils_printed_) {                          \
            utils_printed_ = true;                      \
            printf(__VA_ARGS__);                        \
        }                                               \
    } while (0)

#endif
