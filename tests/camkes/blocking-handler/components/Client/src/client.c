#include <stdio.h>
#include <camkes.h>

int run(void)
{
    int r = w_take(4);
    printf("client: take(4) = %d\n", r);
    return r == 40 ? 0 : 1;
}
