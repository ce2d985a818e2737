// SPDX-License-Identifier: BSD-2-Clause
/* Owns the PS/2 controller's ports: serves `status` by reading its status
 * register (0x64), and from its control thread calls a server without ports,
 * reading the register again after every reply. A bitmap left behind by a
 * switch would make a read fault (#GP) here. */
#include <stdint.h>
#include <stdio.h>
#include <camkes.h>

#define CALLS 100

int st_status(void)
{
    return port_in8(0x64);
}

int run(void)
{
    int sum = 0;

    for (int i = 0; i < CALLS; i++) {
        sum += plain_echo(i);
        (void)port_in8(0x64);
    }
    printf("driver: %d calls out, echo sum %d, port 0x64 readable after each\n", CALLS, sum);
    return 0;
}
