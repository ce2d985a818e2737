// SPDX-License-Identifier: BSD-2-Clause
/*
 * Tessera's SerialServer driver: every client's characters to the board's
 * UART, one line at a time. The UART is polled for transmit (the kernel writes
 * its console to the same UART the same way), through the PL011's registers
 * on ARM and the 16550's I/O ports on a PC.
 *
 * Lines stay whole: the client whose line is on the wire (`owner`) writes
 * straight through; any other client's characters wait in its buffer. When
 * the owner ends its line, the waiting complete lines go out, then one waiting
 * partial line, whose client becomes the owner. A client with LINE_MAX
 * characters waiting has them written as they are (a line is cut: nothing
 * else can be done). processed_putchar turns "\n" into "\r\n"; raw_putchar
 * sends bytes as they come. The two interfaces have a thread each; the mutex
 * orders them.
 */
#include <camkes.h>
#include <stdint.h>
#include <string.h>

#define MAX_CLIENTS 32                  /* per interface: badges 1..32 */
#define LINE_MAX 1024                  /* what one client may have waiting */
#define NOBODY (-1)

struct client {
    char buf[LINE_MAX];
    int used;
};

static struct client clients[2 * MAX_CLIENTS];      /* processed, then raw */
static int owner = NOBODY;

#if defined(__x86_64__)
#define LSR 5
#define LSR_THR_EMPTY 0x20

static void uart_put(char c)
{
    while (!(regs_in8_offset(LSR) & LSR_THR_EMPTY))
        ;
    regs_out8_offset(0, (uint8_t)c);
}
#else
#define PL011_DR 0x00
#define PL011_FR 0x18
#define FR_TXFF (1u << 5)

static void uart_put(char c)
{
    volatile uint32_t *r = (volatile uint32_t *)regs;

    while (r[PL011_FR / 4] & FR_TXFF)
        ;
    r[PL011_DR / 4] = (uint8_t)c;
}
#endif

static void write_out(const char *s, int n)
{
    for (int i = 0; i < n; i++)
        uart_put(s[i]);
}

/* The length of the first complete line in c's buffer, or 0. */
static int first_line(const struct client *c)
{
    const char *nl = memchr(c->buf, '\n', (size_t)c->used);

    return nl == NULL ? 0 : (int)(nl - c->buf) + 1;
}

static void drop(struct client *c, int n)
{
    memmove(c->buf, c->buf + n, (size_t)(c->used - n));
    c->used -= n;
}

/* The wire is free: every waiting complete line, then one partial line. */
static void drain(void)
{
    for (int i = 0; i < 2 * MAX_CLIENTS; i++) {
        int n;
        while ((n = first_line(&clients[i])) > 0) {
            write_out(clients[i].buf, n);
            drop(&clients[i], n);
        }
    }
    for (int i = 0; i < 2 * MAX_CLIENTS && owner == NOBODY; i++) {
        if (clients[i].used > 0) {
            write_out(clients[i].buf, clients[i].used);
            clients[i].used = 0;
            owner = i;
        }
    }
}

static void put(int who, char c)
{
    struct client *cl = &clients[who];

    if (owner == NOBODY || owner == who) {
        uart_put(c);
        owner = (c == '\n') ? NOBODY : who;
        if (owner == NOBODY)
            drain();
        return;
    }
    cl->buf[cl->used++] = c;
    if (cl->used == LINE_MAX) {             /* no room to wait any longer */
        write_out(cl->buf, cl->used);
        cl->used = 0;
    }
}

static void client_char(int who, int c, int processed)
{
    if (who < 0)
        return;
    serial_lock();
    if (processed && c == '\n')
        put(who, '\r');
    put(who, (char)c);
    serial_unlock();
}

void processed_putchar_putchar(int c)
{
    seL4_Word badge = processed_putchar_get_sender_id();

    client_char(badge >= 1 && badge <= MAX_CLIENTS ? (int)badge - 1 : -1, c, 1);
}

void raw_putchar_putchar(int c)
{
    seL4_Word badge = raw_putchar_get_sender_id();

    client_char(badge >= 1 && badge <= MAX_CLIENTS ? MAX_CLIENTS + (int)badge - 1 : -1, c, 0);
}

/* GetChar's one method, which CAmkES's clients never call: input travels
 * through seL4SerialServer's shared buffer, which Tessera does not offer. */
void getchar_foo(void)
{
}
