#include <stdio.h>
#include <camkes.h>
#include <camkes/error.h>

static int component_errors, second_errors;

static camkes_error_action_t on_any(camkes_error_t *e)
{
    component_errors++;
    printf("client: component handler: type %d on %s.%s: %s\n", (int)e->type, e->instance, e->interface,
           e->description);
    return CEA_DISCARD;
}

static camkes_error_action_t on_second(camkes_error_t *e)
{
    second_errors++;
    printf("client: second's handler: buffer exceeded %s\n", e->type == CE_BUFFER_LENGTH_EXCEEDED ? "yes" : "no");
    return CEA_DISCARD;
}

int run(void)
{
    static int many[1000];
    int few[3] = {1, 2, 3};

    printf("client: before any handler, sum = %d\n", first_sum(3, few));
    camkes_register_error_handler(on_any);
    second_register_error_handler(on_second);
    printf("client: too many through first = %d\n", first_sum(1000, many));
    printf("client: too many through second = %d\n", second_sum(1000, many));
    printf("client: errors: component %d, second %d\n", component_errors, second_errors);
    return 0;
}
