// SPDX-License-Identifier: BSD-2-Clause
/* The other end of the neighbour's dataport `theirs`, which the prober lacks. */
#include <stdio.h>
#include <camkes.h>

int run(void)
{
    *(volatile uint32_t *)theirs = 0x7e1a;
    return 0;
}
