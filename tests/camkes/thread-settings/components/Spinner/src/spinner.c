#include <stdio.h>
#include <camkes.h>

int run(void)
{
    for (int i = 1; i <= 3; i++)
        printf("spinner: %d\n", i);
    return 0;
}
