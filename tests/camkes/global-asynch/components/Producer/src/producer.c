/* SPDX-License-Identifier: BSD-2-Clause */
#include <camkes.h>
#include <stdio.h>

int run(void)
{
    printf("producer: kick\n");
    kick_emit();                /* one emit: both consumers' global endpoints */
    return 0;
}
