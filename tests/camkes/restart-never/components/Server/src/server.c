#include <camkes.h>

int calc_add(int a, int b)
{
    return a + b;
}

void calc_crash(void)
{
    *(volatile int *)0 = 1;         /* a NULL write: nobody handles it */
}
