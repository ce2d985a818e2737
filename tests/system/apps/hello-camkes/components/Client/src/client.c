// SPDX-License-Identifier: BSD-2-Clause
#include <stdio.h>
#include <stdlib.h>
#include <camkes.h>

int run(void)
{
    char *reply = e_echo_string("hello from a CAmkES app");
    int doubled;
    int same = e_echo_int(21, &doubled);
    printf("client: %s / %d %d\n", reply, same, doubled);
    free(reply);
    return 0;
}
