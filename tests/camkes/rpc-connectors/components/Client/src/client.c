#include <stdio.h>
#include <stdlib.h>
#include <camkes.h>

int run(void)
{
    char *r[3] = { a_echo("one"), b_echo("two"), c_echo("three") };
    for (int i = 0; i < 3; i++) {
        printf("client: %s\n", r[i]);
        free(r[i]);
    }
    return 0;
}
