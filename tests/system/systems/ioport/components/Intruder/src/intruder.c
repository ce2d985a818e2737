// SPDX-License-Identifier: BSD-2-Clause
/* Has no ports at all, and runs right after a component that has: `in` from
 * the port the stray could read is a #GP. */
#include <stdint.h>
#include <stdio.h>
#include <camkes.h>

int run(void)
{
    uint8_t value;

    printf("intruder: reading port 0x3fd\n");
    __asm__ volatile("inb %w1, %b0" : "=a"(value) : "Nd"((uint16_t)0x3fd));
    printf("intruder: must not get here (0x%02x)\n", value);
    return 0;
}
