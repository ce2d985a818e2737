/* SPDX-License-Identifier: BSD-2-Clause */
/* A check made by the compiler (seL4 libutils' <utils/compile_time.h>):
 * compile_time_assert(name, expr) fails the build, citing `name`, if `expr` is 0. */
#ifndef UTILS_COMPILE_TIME_H
#define UTILS_COMPILE_TIME_H

#define compile_time_assert(name, expr) _Static_assert((expr), #name)

#endif
