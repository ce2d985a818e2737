// SPDX-License-Identifier: BSD-2-Clause
/* A failing assert(): the C library prints the expression, file, line and
 * function, then the component ends as a fault does. */
#include <assert.h>
#include <stdio.h>
#include <camkes.h>

static int answer(void)
{
    return 41;
}

int run(void)
{
    int value = answer();
    printf("crasher: checking the answer\n");
    assert(value == 42);
    printf("crasher: not reached\n");
    return 0;
}
