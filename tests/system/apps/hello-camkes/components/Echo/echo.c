// SPDX-License-Identifier: BSD-2-Clause
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <camkes.h>
#include <echo_limits.h>

char *e_echo_string(const char *s)
{
    size_t n = strlen(greeting) + strlen(s) + 3;
    char *out = malloc(n);
    if (out != NULL)
        snprintf(out, n, "%.*s: %s", ECHO_PREFIX_MAX, greeting, s);
    return out;
}

int e_echo_int(int i, int *doubled)
{
    *doubled = 2 * i;
    return i;
}
