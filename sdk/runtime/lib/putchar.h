/* SPDX-License-Identifier: BSD-2-Clause */
/* set_putchar() (tessera.h): where the C library's console output goes instead
 * of the kernel's debug output, when a component asks (as CAmkES apps do, to
 * print through a serial server). Read by each C library's console glue. */
#ifndef TESSERA_PUTCHAR_H
#define TESSERA_PUTCHAR_H

extern void (*tessera_user_putchar)(int c);

#endif
