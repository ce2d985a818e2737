/* SPDX-License-Identifier: BSD-2-Clause */
/* printf formats for a machine word (seL4_Word) and console colours, under seL4
 * libutils' names (<utils/formats.h>): DFMT, XFMT, COLOR_ERROR, COLOR_NORMAL. */
#ifndef UTILS_FORMATS_H
#define UTILS_FORMATS_H

#if __SIZEOF_POINTER__ == 8
#define DFMT            "%ld"
#define XFMT            "%lx"
#else
#define DFMT            "%d"
#define XFMT            "%x"
#endif

#define COLOR_ERROR     "\033[1;31m"
#define COLOR_NORMAL    "\033[0m"

#endif
