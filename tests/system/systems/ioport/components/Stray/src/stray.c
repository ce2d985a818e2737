// SPDX-License-Identifier: BSD-2-Clause
/* Reads a port of its own range, then one of the owner's: a #GP. */
#include <stdio.h>
#include <camkes.h>

int run(void)
{
    printf("stray: LSR transmitter empty: %s\n", (port_in8(0x3fd) & 0x20) ? "yes" : "no");
    printf("stray: reading port 0x3fb\n");
    unsigned value = port_in8(0x3fb);
    printf("stray: must not get here (0x%02x)\n", value);
    return 0;
}
