// SPDX-License-Identifier: BSD-2-Clause
/* Accounts for every message by its sequence number: the next one expected
 * arrives, or some were skipped (lost), or one came again (duplicated). */
#include <stdio.h>
#include <camkes.h>

static unsigned expected = 1, lost, duplicated;

void in_put(unsigned int seq)
{
    if (seq < expected) {
        duplicated++;
        return;
    }
    lost += seq - expected;
    expected = seq + 1;
}

int in_finish(unsigned int last, unsigned int restarts)
{
    if (last + 1 > expected)
        lost += last + 1 - expected;        /* never arrived at all */
    printf("consumer: %u messages\n", expected - 1);
    printf("restart: restarts=%u lost=%u duplicated=%u\n", restarts, lost, duplicated);
    return lost != 0 || duplicated != 0;
}
