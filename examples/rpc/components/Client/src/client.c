// SPDX-License-Identifier: BSD-2-Clause
/* The client: calls every method of Calculator and prints what came back. */
#include <stdio.h>
#include <stdlib.h>
#include <camkes.h>

int run(void)
{
    printf("client: add(40, 2) = %d\n", calc_add(40, 2));

    int q, r;
    calc_divide(17, 5, &q, &r);
    printf("client: divide(17, 5) = %d remainder %d\n", q, r);

    double factor = 1.5;
    double scaled = calc_scale(10.0, &factor);
    printf("client: scale(10, 1.5) = %d, factor now %d\n", (int)scaled, (int)factor);

    uint64_t wide = calc_widen(0x89abcdefu, 0x01234567u);
    printf("client: widen = 0x%08lx%08lx\n", (unsigned long)(wide >> 32), (unsigned long)(wide & 0xffffffffu));

    char *greeting = calc_greet("Tessera");
    printf("client: greet -> \"%s\"\n", greeting);
    free(greeting);

    unsigned int length;
    int hits = calc_count("component systems", 's', &length);
    printf("client: count('s') = %d in %u characters\n", hits, length);

    char *text = malloc(16);
    snprintf(text, 16, "quiet please");
    calc_shout(&text);
    printf("client: shout -> \"%s\"\n", text);
    free(text);

    int values[] = { 1, 2, 3, 4, 5, 6, 7, 8, 9, 10 };
    printf("client: sum(1..10) = %d\n", calc_sum(10, values));

    size_t n;
    int *squares;
    calc_squares(6, &n, &squares);
    printf("client: squares(6) =");
    for (size_t i = 0; i < n; i++)
        printf(" %d", squares[i]);
    printf("\n");
    free(squares);

    int64_t v = 1234567890123LL;
    printf("client: is_even(1234567890123) = %s\n", calc_is_even(&v) ? "true" : "false");

    /* Refused, not cut: 500 ints do not fit in one message. */
    static int many[500];
    int refused = calc_sum(500, many);
    printf("client: sum of 500 values was refused (result %d)\n", refused);
    return 0;
}
