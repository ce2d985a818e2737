// SPDX-License-Identifier: BSD-2-Clause
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <camkes.h>

/* The longest string one request takes: the message less its length word,
 * with the NUL. */
#define LONGEST ((MSG_MAX_WORDS - 1) * sizeof(uintptr_t) - 1)

static char text[LONGEST + 2];

int run(void)
{
    int seen = -1;
    int kept = h_hold("held across a call of its own", &seen);
    printf("client: hold -> kept %d, the nested call saw %d\n", kept, seen);
    kept = h_hold("", &seen);
    printf("client: hold(\"\") -> kept %d, the nested call saw %d\n", kept, seen);

    memset(text, 'a', LONGEST);
    text[LONGEST] = '\0';
    printf("client: longest -> %s\n", h_longest(text) == (int)LONGEST ? "whole" : "cut");
    text[LONGEST] = 'a';
    text[LONGEST + 1] = '\0';
    printf("client: one byte more -> %d\n", h_longest(text));

    int xs[] = { 1, 2, 3 };
    int *ys = malloc(2 * sizeof(int));
    ys[0] = 7;
    ys[1] = 8;
    size_t ys_sz = 2, doubled_sz = 0;
    int *doubled = NULL;
    h_twice(3, xs, &doubled_sz, &doubled, &ys_sz, &ys);
    printf("client: twice -> %u: %d %d %d; %u: %d %d\n", (unsigned)doubled_sz, doubled[0], doubled[1], doubled[2],
           (unsigned)ys_sz, ys[0], ys[1]);
    free(doubled);
    free(ys);
    return 0;
}
