// SPDX-License-Identifier: BSD-2-Clause
/* Holds no ports. */
#include <camkes.h>

int e_echo(int x)
{
    return x;
}
