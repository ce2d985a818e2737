/* SPDX-License-Identifier: BSD-2-Clause */
/* Reads a line typed on the console through the serial server's GetChar
 * (seL4SerialServer: a ring buffer shared with the server and a notification),
 * once the other clients are done (delay_ms), and prints it through PutChar. */
#include <autoconf.h>
#include <camkes.h>
#include <stdio.h>

#define LINE 40

extern volatile struct {
    uint32_t head;
    uint32_t tail;
    char buf[0x1000 - 8];
} *input_buf;

void pre_init(void)
{
    set_putchar(output_putchar);
}

int run(void)
{
    char line[LINE];
    int n = 0;
    seL4_Word badge;

    timer_oneshot_relative(0, delay_ms * NS_IN_MS);     /* after the other clients' output */
    seL4_Wait(timer_notification(), &badge);
    printf("%s: type a line\n", get_instance_name());
    for (;;) {
        while (input_buf->head == input_buf->tail)
            seL4_Wait(input_notification(), &badge);
        char c = input_buf->buf[input_buf->head];
        input_buf->head = (input_buf->head + 1) % sizeof(input_buf->buf);
        if (c == '\r' || c == '\n' || n == LINE - 1)
            break;
        line[n++] = c;
    }
    line[n] = '\0';
    printf("%s: got \"%s\"\n", get_instance_name(), line);
    return 0;
}
