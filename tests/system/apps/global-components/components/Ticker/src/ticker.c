/* SPDX-License-Identifier: BSD-2-Clause */
/* A second time server client, printing one character per PutChar call while
 * the other client prints too: the serial server keeps each line whole. */
#include <camkes.h>

static void say(const char *s)
{
    while (*s != '\0')
        out_putchar(*s++);
}

static void say_raw(const char *s)                  /* raw_putchar: no "\n" to "\r\n" */
{
    while (*s != '\0')
        raw_putchar(*s++);
}

int run(void)
{
    seL4_Word badge;

    timer_periodic(0, 7 * NS_IN_MS);
    for (int i = 0; i < 4; i++) {
        seL4_Wait(timer_notification(), &badge);
        say("ticker: a whole line from the ticker, however the client interleaves\n");
    }
    timer_stop(0);
    say("ticker: done\n");
    say_raw("ticker: raw bytes, carriage return included\r\n");
    return 0;
}
