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

/* A request the glue would never send, straight to the Hold endpoint: what
 * the server answered. */
static const char *raw(uintptr_t label, uintptr_t length, uintptr_t mr0, const char *bytes)
{
    tessera_msg_t m = { .info = MSG_INFO(label, length), .mr = { mr0 } };

    if (bytes != NULL)
        memcpy(&m.mr[1], bytes, 3 * sizeof(uintptr_t));
    if (tessera_call(CAP_h, &m) != ERR_OK)
        return "a kernel error";
    if (MSG_LABEL(m.info) == TESSERA_RPC_REFUSED)
        return "refused";
    static char answer[32];
    snprintf(answer, sizeof(answer), "answered %d", (int)m.mr[0]);
    return answer;
}

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

    char *t = NULL;
    int f = 0, g = 7, h = 0;
    int r = h_wide(1, 2, 3, 4, 5, "wide", &f, &t, &g, &h);
    printf("client: wide -> %d, f %d, t %s, g %d, h %d\n", r, f, t, g, h);
    free(t);

    /* longest() is method 2: its string's length in MR0, then the bytes */
    char bytes[3 * sizeof(uintptr_t)];
    memset(bytes, 'b', sizeof(bytes));
    printf("client: no length word -> %s\n", raw(2, 0, 0, NULL));
    printf("client: bytes missing -> %s\n", raw(2, 1, 100, NULL));
    printf("client: no NUL -> %s\n", raw(2, 4, sizeof(bytes), bytes));
    memcpy(bytes, "raw", 4);
    printf("client: a raw request -> %s\n", raw(2, 2, 4, bytes));
    printf("client: no method 99 -> %s\n", raw(99, 0, 0, NULL));
    printf("client: then longest(\"ok\") = %d\n", h_longest("ok"));
    return 0;
}
