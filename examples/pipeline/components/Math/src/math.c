// SPDX-License-Identifier: BSD-2-Clause
/* The math server. */
#include <camkes.h>

int math_square(int x)
{
    return x * x;
}
