#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <camkes.h>

/* The same names as front's: each member keeps its own. */
static const char *describe(void)
{
    return "back's static describe()";
}

int helper(void)
{
    return 100;
}

static int counter;

/* Called directly from front's thread (seL4DirectCall). */
int calc_add(int a, int b, int *carry)
{
    printf("back: add(%d, %d) runs %s's code (helper %d, %s)\n", a, b, get_instance_name(), helper(), describe());
    *carry = (a + b) / 100;
    return a + b;
}

char *calc_greet(const char *who)
{
    char *out = malloc(strlen(who) + 32);
    sprintf(out, "hello, %s, from %s", who, get_instance_name());
    log_put("back greeted");          /* back's own RPC, from the caller's thread */
    return out;
}

void calc_scale(int *value, int by)
{
    *value *= by;
}

/* Served by back's own thread for `count` (seL4RPCCall inside the group). */
int count_next(void)
{
    return ++counter;
}

int run(void)
{
    go_wait();
    note_acquire();
    printf("back: run() in %s after the event (helper %d, %s), reads \"%s\" at another address\n",
           get_instance_name(), helper(), describe(), (const char *)note);
    return 0;
}
