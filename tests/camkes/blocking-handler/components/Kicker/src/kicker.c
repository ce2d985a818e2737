#include <stdio.h>
#include <camkes.h>

int run(void)
{
    k_hold();
    printf("kicker: mutex held, posting\n");
    k_post();
    printf("kicker: releasing the mutex\n");
    k_release();
    printf("kicker: emitting go\n");
    go_emit();
    return 0;
}
