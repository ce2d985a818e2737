// SPDX-License-Identifier: BSD-2-Clause
/* Uses the C library and libutils' macros the way CAmkES component code does,
 * with passing assertions, and prints each result. */
#include <assert.h>
#include <ctype.h>
#include <errno.h>
#include <inttypes.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <camkes.h>

compile_time_assert(word_holds_a_pointer, sizeof(seL4_Word) == sizeof(void *));

struct PACKED header {
    uint8_t kind;
    uint32_t length;
};

static int by_name(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

static void strings(void)
{
    char *copy = strdup("component");
    char *part = strndup("dataport-size", 8);
    assert(copy != NULL && part != NULL);
    assert(strcmp(copy, "component") == 0);
    printf("client: strdup %s, strndup %s\n", copy, part);

    const char *names[] = { "sorter", "crasher", "client" };
    qsort(names, ARRAY_SIZE(names), sizeof(names[0]), by_name);
    printf("client: qsort %s %s %s\n", names[0], names[1], names[2]);

    char buf[8];
    int wanted = snprintf(buf, sizeof(buf), "%s-%d", copy, 42);
    printf("client: snprintf \"%s\" wanted %d\n", buf, wanted);
    free(copy);
    free(part);
}

static void numbers(void)
{
    char *end;
    long dec = strtol("  -1234xyz", &end, 10);
    unsigned long hex = strtoul("0x1f", NULL, 16);
    errno = 0;
    long big = strtol("99999999999999999999", NULL, 10);
    printf("client: strtol %ld rest \"%s\", strtoul %lu, overflow %s\n", dec, end, hex,
           big == LONG_MAX && errno == ERANGE ? "ERANGE" : "missed");
    int a = 0, b = 0;
    int got = sscanf("7 35", "%d %d", &a, &b);
    printf("client: sscanf %d: %d %d, atoi %d, abs %d\n", got, a, b, atoi("  88"), abs(-5));
    printf("client: formats %zu %" PRIu64 " %lld %x %c %5.2f|%-4s|\n", sizeof(uint32_t),
           (uint64_t)1 << 40, -3LL, 255u, toupper('q'), 3.14159, "ab");
}

static void macros(int unused_argument UNUSED)
{
    int sizes[] = { 3, 9, 4, 1 };
    assert(ARRAY_SIZE(sizes) == 4);
    printf("client: ARRAY_SIZE %zu MIN %d MAX %d\n", ARRAY_SIZE(sizes), MIN(sizes[0], sizes[3]),
           MAX(sizes[1], sizes[2]));
    printf("client: ALIGN_UP %d ROUND_UP %d DIV_ROUND_UP %d BIT(5) %lu\n", ALIGN_UP(13, 8),
           ROUND_UP(13, 5), DIV_ROUND_UP(13, 5), BIT(5));
    int hinted = 0;
    if (likely(sizes[0] == 3) && !unlikely(sizes[1] == 0))
        hinted = 1;
    printf("client: sizeof(packed header) %zu, likely %d, IS_POWER_OF_2(64) %d\n", sizeof(struct header),
           hinted, IS_POWER_OF_2(64));
    for (int i = 0; i < 3; i++)
        PRINT_ONCE("client: PRINT_ONCE %d, NS_IN_MS %llu, US_IN_S %llu, word " DFMT "\n", i, NS_IN_MS, US_IN_S,
                   (seL4_Word)7);
}

int run(void)
{
    strings();
    numbers();
    macros(0);

    char *sorted = NULL;
    int n = s_sort("42,7,-3,0x10,0", &sorted);
    assert(n == 5 && sorted != NULL);
    printf("client: sorter says %d values: %s\n", n, sorted);
    free(sorted);
    done_emit();

    assert(time(NULL) >= 0);
    printf("client: every assertion held\n");
    return 0;
}
