#include <stdio.h>
#include <camkes.h>

int run(void)
{
    printf("vandal: reads '%s'\n", (const char *)page + 5000);
    printf("vandal: writing to a read-only dataport\n");
    ((volatile char *)page)[5000] = 'X';
    printf("vandal: the write went through\n");
    return 0;
}
