// SPDX-License-Identifier: BSD-2-Clause
/* Runs last: the two faults stopped only their own threads. */
#include <stdio.h>
#include <camkes.h>

int run(void)
{
    printf("survivor: still running after two port faults\n");
    return 0;
}
