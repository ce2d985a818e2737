// SPDX-License-Identifier: BSD-2-Clause
/* One of several clients of the same connection: asks who it is, visits twice. */
#include <stdio.h>
#include <camkes.h>

int run(void)
{
    int id = reg_whoami();
    printf("%s: the registry knows me as client %d\n", nickname, id);
    reg_visit(nickname);
    int visits = reg_visit(nickname);
    printf("%s: %d visits recorded for me\n", nickname, visits);
    return 0;
}
