#include <stdio.h>
#include <camkes.h>

int run(void)
{
    int first = s_trywait();
    int second = s_trywait();
    printf("counter: semaphore trywait %d then %d\n", first, second);
    first = b_trywait();
    b_post();
    second = b_trywait();
    printf("counter: binary semaphore trywait %d, after post %d\n", first, second);
    int taken = 0;
    while (five_trywait() == 0)
        taken++;
    printf("counter: five_value = 5 gave %d\n", taken);
    return 0;
}
