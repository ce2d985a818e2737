// SPDX-License-Identifier: BSD-2-Clause
/* The calculator: each function implements one method of Calculator. Results
 * returned as strings or arrays are malloc'd here and freed by the glue. */
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <camkes.h>

void calc__init(void)
{
    printf("calculator: ready\n");
}

int calc_add(int a, int b)
{
    return a + b;
}

void calc_divide(int n, int d, int *quotient, int *remainder)
{
    *quotient = d ? n / d : 0;
    *remainder = d ? n % d : 0;
}

double calc_scale(double x, double *factor)
{
    double r = x * *factor;
    *factor *= 2;
    return r;
}

uint64_t calc_widen(uint32_t lo, uint32_t hi)
{
    return ((uint64_t)hi << 32) | lo;
}

char *calc_greet(const char *name)
{
    const char *fmt = "Hello, %s!";
    size_t n = strlen(fmt) + strlen(name);
    char *s = malloc(n);
    if (s != NULL)
        snprintf(s, n, fmt, name);
    return s;
}

int calc_count(const char *text, char c, unsigned int *length)
{
    int hits = 0;
    *length = (unsigned int)strlen(text);
    for (const char *p = text; *p; p++)
        hits += (*p == c);
    return hits;
}

void calc_shout(char **text)
{
    size_t n = strlen(*text);
    char *s = realloc(*text, n + 2);
    if (s == NULL)
        return;
    for (size_t i = 0; i < n; i++)
        s[i] = (char)toupper((unsigned char)s[i]);
    s[n] = '!';
    s[n + 1] = '\0';
    *text = s;
}

int calc_sum(size_t values_sz, const int *values)
{
    int total = 0;
    for (size_t i = 0; i < values_sz; i++)
        total += values[i];
    return total;
}

void calc_squares(int n, size_t *values_sz, int **values)
{
    *values = malloc((size_t)n * sizeof(int));
    *values_sz = *values ? (size_t)n : 0;
    for (size_t i = 0; i < *values_sz; i++)
        (*values)[i] = (int)(i * i);
}

bool calc_is_even(const int64_t *v)
{
    return (*v % 2) == 0;
}
