#include <stdio.h>
#include <string.h>
#include <camkes.h>
#include <camkes/dataport.h>

int shelf_read(dataport_ptr_t where)
{
    const char *s = dataport_unwrap_ptr(where);
    printf("consumer: '%s' (%s)\n", s ? s : "(null)",
           (const void *)s == (const void *)((const char *)page + 5000) ? "at its own mapping" : "wrong place");
    printf("consumer: page is at %p here\n", (void *)page);
    dataport_ptr_t bad = where;
    bad.offset = 8192;
    printf("consumer: past the end unwraps to %s\n", dataport_unwrap_ptr(bad) ? "a pointer" : "NULL");
    return s ? (int)strlen(s) : -1;
}
