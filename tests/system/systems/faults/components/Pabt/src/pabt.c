// SPDX-License-Identifier: BSD-2-Clause
/* Jumps to an address that is not mapped. */
#include <stdio.h>
#include <camkes.h>

int run(void)
{
    printf("pabt: jumping to unmapped address 0x00400000\n");
    void (*f)(void) = (void (*)(void))0x00400000;
    f();
    printf("pabt: must not get here\n");
    return 0;
}
