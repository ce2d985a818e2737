/* SPDX-License-Identifier: BSD-2-Clause */
/* Token pasting and stringizing after macro expansion (seL4 libutils' <utils/stringify.h>). */
#ifndef UTILS_STRINGIFY_H
#define UTILS_STRINGIFY_H

#define UTILS_STRINGIFY_(x)     #x
#define STRINGIFY(x)            UTILS_STRINGIFY_(x)
#define UTILS_JOIN_(a, b)       a##b
#define JOIN(a, b)              UTILS_JOIN_(a, b)

#endif
