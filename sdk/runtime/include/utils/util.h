/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * seL4 libutils' umbrella header, as CAmkES's camkes.h includes it: assert(),
 * bool and the fixed-width integers, and the helper macros CAmkES component
 * code uses (UNUSED, ARRAY_SIZE, MIN, MAX, ALIGN_UP, ROUND_UP, BIT, likely,
 * PACKED, NORETURN, NS_IN_MS, DFMT, PRINT_ONCE, ZF_LOGE, ...). Written for
 * Tessera; each macro keeps libutils' name and meaning. The parts can be
 * included alone too (<utils/arith.h>, <utils/attribute.h>, ...).
 */
#ifndef UTILS_UTIL_H
#define UTILS_UTIL_H

#include <assert.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <utils/arith.h>
#include <utils/attribute.h>
#include <utils/builtin.h>
#include <utils/compile_time.h>
#include <utils/debug.h>
#include <utils/formats.h>
#include <utils/page.h>
#include <utils/stringify.h>
#include <utils/time.h>
#include <utils/zf_log.h>

#endif
