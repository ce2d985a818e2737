// SPDX-License-Identifier: BSD-2-Clause
/* hold(): calls the counter with another, longer string through this thread's
 * IPC buffer while it holds `s`, then says whether `s` is still what came. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <camkes.h>

int h_hold(const char *s, int *seen)
{
    char before[128];
    char other[200];

    strncpy(before, s, sizeof(before) - 1);
    before[sizeof(before) - 1] = '\0';
    memset(other, 'z', sizeof(other) - 1);
    other[sizeof(other) - 1] = '\0';
    *seen = c_count(other);
    return strcmp(before, s) == 0 && strlen(s) < sizeof(before);
}

int h_longest(const char *s)
{
    return (int)strlen(s);
}

void h_twice(size_t xs_sz, const int *xs, size_t *doubled_sz, int **doubled, size_t *ys_sz, int **ys)
{
    *doubled = malloc(xs_sz * sizeof(int) + 1);
    *doubled_sz = xs_sz;
    for (size_t i = 0; i < xs_sz; i++)
        (*doubled)[i] = 2 * xs[i];
    for (size_t i = 0; i < *ys_sz; i++)
        (*ys)[i] += 100;
}

int h_wide(int a, int b, int c, int d, int e, const char *s, int *f, char **t, int *g, int *h)
{
    size_t n = strlen(s);

    *f = a + b + c + d + e;
    *t = malloc(n + 3);
    snprintf(*t, n + 3, "<%s>", s);
    *g = *g * 10 + (int)n;
    *h = -e;
    return a * 10000 + b * 1000 + c * 100 + d * 10 + e;
}
