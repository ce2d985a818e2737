// SPDX-License-Identifier: BSD-2-Clause
/* Reads an address that is not mapped in this component's address space. */
#include <stdint.h>
#include <stdio.h>
#include <camkes.h>

int run(void)
{
    printf("dabt: reading unmapped address 0x00300000\n");
    volatile uint32_t *p = (volatile uint32_t *)0x00300000;
    printf("dabt: read 0x%08lx (must not get here)\n", (unsigned long)*p);
    return 0;
}
