// SPDX-License-Identifier: BSD-2-Clause
/* Executes a permanently undefined instruction. */
#include <stdio.h>
#include <camkes.h>

int run(void)
{
    printf("undef: executing udf\n");
    __asm__ volatile(".inst 0xe7f000f0");
    printf("undef: must not get here\n");
    return 0;
}
