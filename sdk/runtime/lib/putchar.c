// SPDX-License-Identifier: BSD-2-Clause
#include <tessera.h>
#include "putchar.h"

void (*tessera_user_putchar)(int c);

void set_putchar(void (*putchar)(int c))
{
    tessera_user_putchar = putchar;
}
