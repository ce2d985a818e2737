#include <stdio.h>
#include <camkes.h>

static int seed = 42;           /* .data: copied again on a restart */
static int calls;               /* .bss: zeroed again on a restart */

void pre_init(void)
{
    printf("server: pre_init: seed %d, calls %d\n", seed, calls);
}

void calc__init(void)
{
    printf("server: calc__init\n");
}

void post_init(void)
{
    printf("server: post_init\n");
}

int calc_add(int a, int b)
{
    calls++;
    seed++;
    printf("server: add #%d, seed %d\n", calls, seed);
    return a + b;
}

void calc_crash(void)
{
    *(volatile int *)0 = 1;     /* a NULL write: the kernel restarts the server */
}
