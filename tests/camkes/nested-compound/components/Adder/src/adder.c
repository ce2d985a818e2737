#include <stdio.h>
#include <camkes.h>

int add_add(int a, int b)
{
    printf("%s: add(%d, %d)\n", get_instance_name(), a, b);
    *(volatile int *)box = a + b;
    posted_emit();
    return a + b;
}
