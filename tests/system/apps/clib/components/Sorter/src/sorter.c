// SPDX-License-Identifier: BSD-2-Clause
/* Sorts a comma-separated list of integers: strtol to parse, qsort to sort,
 * snprintf to print the result into a string the glue frees. Its control
 * thread shows that errno and the line being printed are per thread: the
 * handler's thread clears its own errno and prints whole lines while the
 * control thread's line is half written. */
#include <assert.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <camkes.h>

#define MAX_VALUES 16

static int compare_longs(const void *a, const void *b)
{
    long x = *(const long *)a, y = *(const long *)b;

    return (x > y) - (x < y);
}

int s_sort(const char *csv, char **sorted)
{
    long values[MAX_VALUES];
    int n = 0;

    for (const char *p = csv; *p != '\0' && n < (int)ARRAY_SIZE(values); n++) {
        char *end;
        errno = 0;
        values[n] = strtol(p, &end, 0);
        assert(end != p && errno == 0);
        p = *end == ',' ? end + 1 : end;
    }
    printf("sorter: sorting %d values\n", n);
    qsort(values, (size_t)n, sizeof(values[0]), compare_longs);

    size_t size = 12 * (size_t)n + 1, used = 0;
    char *out = malloc(size);
    assert(out != NULL);
    out[0] = '\0';
    for (int i = 0; i < n; i++)
        used += (size_t)snprintf(out + used, size - used, "%s%ld", i ? " " : "", values[i]);
    *sorted = out;
    return n;
}

int run(void)
{
    errno = EDOM;
    printf("sorter: the control thread's errno is ");     /* the line ends after the wait */
    done_wait();                /* the client has been served: s_sort() set errno = 0 */
    printf("still %s\n", errno == EDOM ? "EDOM" : "changed");
    return 0;
}
