#include <stdio.h>
#include <camkes.h>

int p_ping(int x)
{
    printf("server: ping(%d) on the interface's own thread\n", x);
    return x + 1;
}

int run(void)
{
    return 0;
}
