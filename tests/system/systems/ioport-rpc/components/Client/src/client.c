// SPDX-License-Identifier: BSD-2-Clause
/* Holds no ports: calls the driver, which reads one for it, then tries the
 * same port itself, which must fault (#GP), however it came back from the
 * driver. */
#include <stdint.h>
#include <stdio.h>
#include <camkes.h>

#define CALLS 100

int run(void)
{
    int first = st_status(), same = 0;
    uint8_t value;

    for (int i = 1; i < CALLS; i++)
        same += st_status() == first;
    printf("client: %d calls, %d answers as the first\n", CALLS, same + 1);
    printf("client: reading port 0x64\n");
    __asm__ volatile("inb %w1, %b0" : "=a"(value) : "Nd"((uint16_t)0x64));
    printf("client: must not get here (0x%02x)\n", value);
    return 0;
}
