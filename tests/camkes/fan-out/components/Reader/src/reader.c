#include <stdio.h>
#include <camkes.h>

int run(void)
{
    ready_wait();
    page_acquire();
    printf("%s: got '%s' from %u bytes\n", get_instance_name(), (const char *)page + 4096,
           (unsigned)page_get_size());
    return 0;
}
