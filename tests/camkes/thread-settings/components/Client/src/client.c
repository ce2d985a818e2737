#include <stdio.h>
#include <camkes.h>

int run(void)
{
    printf("client: ping(1) = %d\n", p_ping(1));
    return 0;
}
