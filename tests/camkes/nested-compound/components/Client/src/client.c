#include <stdio.h>
#include <camkes.h>

int run(void)
{
    printf("client: 19 + 23 = %d\n", calc_add(19, 23));
    return 0;
}
