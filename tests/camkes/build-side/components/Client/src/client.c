#include <stdio.h>
#include <camkes.h>
#include <util.h>

int run(void)
{
    int x = get_instance_name()[0] == 'c' ? 7 : 8;
    printf("%s: %s; square(%d) = %d\n", get_instance_name(), UTIL_GREETING, x, m_square(x));
    return 0;
}
