#include <stdio.h>
#include <string.h>
#include <camkes.h>

int run(void)
{
    /* the second page: the connection's size, not one page per dataport */
    strcpy((char *)page + 4096, "written once, read twice");
    page_release();
    printf("writer: %u bytes shared, emitting\n", (unsigned)page_get_size());
    ready_emit();
    return 0;
}
