// SPDX-License-Identifier: BSD-2-Clause
/* Runs after the others have faulted: the system is still up. */
#include <stdio.h>
#include <camkes.h>

int run(void)
{
    printf("survivor: still running after three faults\n");
    return 0;
}
