// SPDX-License-Identifier: BSD-2-Clause
/* Executes a permanently undefined instruction. */
#include <stdio.h>
#include <camkes.h>

int run(void)
{
    printf("undef: executing udf\n");
    __builtin_trap();                       /* udf #0 on ARM, ud2 on x86_64 */
    printf("undef: must not get here\n");
    return 0;
}
