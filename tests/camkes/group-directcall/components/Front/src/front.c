#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <camkes.h>

/* The same names as back's: each member keeps its own. */
static const char *describe(void)
{
    return "front's static describe()";
}

int helper(void)
{
    return 1;
}

int run(void)
{
    int carry = -1;
    int sum = calc_add(19, 23, &carry);
    printf("front: %s says %d + %d = %d, carry %d (helper %d, %s)\n", get_instance_name(), 19, 23, sum, carry,
           helper(), describe());

    char *greeting = calc_greet("front");
    printf("front: greet -> \"%s\"\n", greeting);
    free(greeting);

    int value = 7;
    calc_scale(&value, 6);
    printf("front: scale(7, 6) -> %d\n", value);

    int a = count_next();
    int b = count_next();
    printf("front: count over seL4RPCCall in the group: %d %d\n", a, b);

    strcpy((char *)note, "a note from front");
    note_release();
    printf("front: logger has %d lines\n", log_put("front is done"));
    go_emit();
    return 0;
}
