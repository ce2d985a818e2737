/* SPDX-License-Identifier: BSD-2-Clause */
/* Prints in batches: characters into the shared ring (at tail), then batch(). */
#include <camkes.h>
#include <stdint.h>
#include <string.h>

struct ring {
    uint32_t head;
    uint32_t tail;
    char buf[0x1000 - 8];
};
extern volatile struct ring *batch_buf;
extern volatile struct ring *raw_buf;

static void add(volatile struct ring *r, const char *s)
{
    for (size_t i = 0; i < strlen(s); i++) {
        uint32_t next = (r->tail + 1) % sizeof(r->buf);
        while (next == r->head)
            ;                           /* full: the server has not taken it yet */
        r->buf[r->tail] = s[i];
        __atomic_thread_fence(__ATOMIC_RELEASE);
        r->tail = next;
    }
}

static void sleep_ms(int ms)
{
    timeout_oneshot_relative(0, ms * NS_IN_MS);
    timeout_wait_notification();
    timeout_completed();
}

int run(void)
{
    add(batch_buf, "logger: two lines in one batch,\nlogger: the second of them\n");
    batch_batch();
    /* Half a line, a wait while the chatter prints, the other half: the
     * chatter's lines wait until this one is complete. */
    add(batch_buf, "logger: a line in two batches, ");
    batch_batch();
    go_emit();
    sleep_ms(60);
    add(batch_buf, "the second after a wait\n");
    batch_batch();
    for (int i = 0; i < 3; i++) {           /* a batch per line */
        add(batch_buf, "logger: batch ");
        char n[3] = { (char)('1' + i), '\n', 0 };
        add(batch_buf, n);
        batch_batch();
    }
    add(raw_buf, "logger: raw batch, its own CR LF\r\n");
    raw_batch();
    sleep_ms(100);
    add(batch_buf, "logger: done\n");
    batch_batch();
    return 0;
}
