#include <stdio.h>
#include <camkes.h>

static char buffer[CAMKES_CONST_ATTR(buf_len)];

#if CAMKES_CONST_ATTR(buf_len) < 16
#error buf_len is smaller than the default
#endif

int run(void)
{
    printf("%s: rate=%d label=%s origin=(%d,%d) weights=%d,%d,%d verbose=%s buffer=%u\n",
           get_instance_name(), rate, label, origin.x, origin.y, weights[0], weights[1], weights[2],
           verbose ? "yes" : "no", (unsigned)sizeof(buffer));
    return 0;
}
