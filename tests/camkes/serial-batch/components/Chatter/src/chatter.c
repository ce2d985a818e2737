/* SPDX-License-Identifier: BSD-2-Clause */
/* Prints whole lines one character per call, while the logger is half-way
 * through one of its own. */
#include <camkes.h>

static void say(const char *s)
{
    while (*s)
        putchar_putchar(*s++);
}

int run(void)
{
    go_wait();                  /* the logger is half-way through a line */
    say("chatter: a whole line, however the logger interleaves\n");
    say("chatter: a whole line, however the logger interleaves\n");
    return 0;
}
