// SPDX-License-Identifier: BSD-2-Clause
/* Reads a port of its own range: COM1's line-control register, which the kernel
 * set to 8N1 (0x03). */
#include <stdio.h>
#include <camkes.h>

int run(void)
{
    printf("owner: LCR 0x%02x through port 0x3fb\n", port_in8(0x3fb));
    return 0;
}
