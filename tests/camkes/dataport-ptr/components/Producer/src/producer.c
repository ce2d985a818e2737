#include <stdio.h>
#include <string.h>
#include <camkes.h>
#include <camkes/dataport.h>

int run(void)
{
    char *at = (char *)page + 5000;
    strcpy(at, "found through a wrapped pointer");
    dataport_ptr_t p = dataport_wrap_ptr(at);
    printf("producer: wrapped offset %u; page is at %p here\n", (unsigned)p.offset, (void *)page);
    int local = 0;
    printf("producer: a stack pointer wraps to id %u\n", dataport_wrap_ptr(&local).id);
    printf("producer: consumer read %d characters\n", shelf_read(p));
    return 0;
}
