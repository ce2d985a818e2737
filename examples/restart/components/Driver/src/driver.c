// SPDX-License-Identifier: BSD-2-Clause
/* Passes each message on to the consumer, and crashes on a deterministic
 * schedule: after PER_LIFE messages since it (re)started, the next one
 * kills it before it is passed on. Its count is in .bss, so each restart
 * (the kernel zeroes it again) starts a new life. */
#include <camkes.h>

#define PER_LIFE 3

static unsigned passed;

void in_put(unsigned int seq)
{
    if (passed == PER_LIFE)
        *(volatile unsigned *)0 = seq;      /* crash: a NULL write */
    out_put(seq);
    passed++;
}

int in_finish(unsigned int last, unsigned int restarts)
{
    return out_finish(last, restarts);
}
