// SPDX-License-Identifier: BSD-2-Clause
/*
 * Hello: the control thread prints a greeting from user mode and returns 0,
 * which becomes the system's exit status.
 */
#include <stdio.h>
#include <camkes.h>

int run(void)
{
    printf("Hello from component '%s' in user mode!\n", get_instance_name());
    return 0;
}
