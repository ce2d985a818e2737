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
 * sends bytes as they come. A batch (processed_batch, raw_batch) is a
 * client's characters in the ring buffer seL4SerialServer shares with it,
 * which batch() takes from head to tail, as if put one by one; a batch
 * client has lines of its own.
 *
 * Input: the UART's receive interrupt (its callback runs on the interrupt's
 * thread) drains the receive FIFO into one getchar client's buffer, the ring
 * CAmkES's clients read (head: the next to read, tail: the next to write), and
 * signals the client when the ring was empty. Characters go to the first
 * client until '@' and a client's number (0, 1, ...), typed at the start of a
 * line, choose another; "@@" is an '@'. The interfaces' threads and the
 * interrupt's take the mutex.
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

/* processed_putchar's, raw_putchar's, processed_batch's, raw_batch's clients */
#define KINDS 4
static struct client clients[KINDS * MAX_CLIENTS];
static int owner = NOBODY;

#if defined(__x86_64__)
#define RBR 0
#define THR 0
#define IER 1
#define MCR 4
#define LSR 5
#define IER_RDA 0x01                    /* received-data-available interrupt */
#define MCR_DTR_RTS_OUT2 0x0b           /* OUT2 connects the interrupt to the PC's IRQ line */
#define LSR_DR 0x01
#define LSR_THR_EMPTY 0x20

static void uart_put(char c)
{
    while (!(regs_in8_offset(LSR) & LSR_THR_EMPTY))
        ;
    regs_out8_offset(THR, (uint8_t)c);
}

static int uart_get(void)
{
    return (regs_in8_offset(LSR) & LSR_DR) ? regs_in8_offset(RBR) : -1;
}

static void uart_receive_interrupts(void)
{
    while (uart_get() >= 0)
        ;
    regs_out8_offset(MCR, MCR_DTR_RTS_OUT2);
    regs_out8_offset(IER, IER_RDA);
}

static void uart_interrupt_done(void)
{
}
#else
#define PL011_DR 0x00
#define PL011_FR 0x18
#define PL011_IMSC 0x38
#define PL011_ICR 0x44
#define FR_RXFE (1u << 4)
#define FR_TXFF (1u << 5)
#define INT_RX (1u << 4)
#define INT_RT (1u << 6)                /* receive timeout: fewer characters than the FIFO level */

static volatile uint32_t *reg(unsigned offset)
{
    return (volatile uint32_t *)((volatile uint8_t *)regs + offset);
}

static void uart_put(char c)
{
    while (*reg(PL011_FR) & FR_TXFF)
        ;
    *reg(PL011_DR) = (uint8_t)c;
}

static int uart_get(void)
{
    return (*reg(PL011_FR) & FR_RXFE) ? -1 : (int)(*reg(PL011_DR) & 0xff);
}

static void uart_receive_interrupts(void)
{
    *reg(PL011_ICR) = INT_RX | INT_RT;
    *reg(PL011_IMSC) |= INT_RX | INT_RT;
}

static void uart_interrupt_done(void)
{
    *reg(PL011_ICR) = INT_RX | INT_RT;
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
    for (int i = 0; i < KINDS * MAX_CLIENTS; i++) {
        int n;
        while ((n = first_line(&clients[i])) > 0) {
            write_out(clients[i].buf, n);
            drop(&clients[i], n);
        }
    }
    for (int i = 0; i < KINDS * MAX_CLIENTS && owner == NOBODY; i++) {
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

/* ---- Batches (seL4SerialServer's buffer: the client writes at tail, we read from head) ---- */

struct ring {                           /* as CAmkES's clients declare it */
    uint32_t head;
    uint32_t tail;
    char buf[4096 - 8];
};

/* seL4SerialServer's server side (the glue), when a batch interface is connected. */
void *processed_batch_buf(unsigned int badge) __attribute__((weak));
void *raw_batch_buf(unsigned int badge) __attribute__((weak));

/* Everything between the ring's head and tail, as one client's characters. */
static void batch(int who, volatile struct ring *r, int processed)
{
    if (r == NULL)
        return;
    serial_lock();
    uint32_t head = r->head, tail = r->tail;
    __atomic_thread_fence(__ATOMIC_ACQUIRE);
    while (head != tail && head < sizeof(r->buf) && tail < sizeof(r->buf)) {
        char c = r->buf[head];
        if (processed && c == '\n')
            put(who, '\r');
        put(who, c);
        head = (head + 1) % sizeof(r->buf);
    }
    __atomic_thread_fence(__ATOMIC_RELEASE);
    r->head = tail < sizeof(r->buf) ? tail : 0;     /* consumed (or scribbled on: dropped) */
    serial_unlock();
}

void processed_batch_batch(void)
{
    seL4_Word badge = processed_batch_get_sender_id();

    if (badge >= 1 && badge <= MAX_CLIENTS && processed_batch_buf != NULL)
        batch(2 * MAX_CLIENTS + (int)badge - 1, processed_batch_buf((unsigned int)badge), 1);
}

void raw_batch_batch(void)
{
    seL4_Word badge = raw_batch_get_sender_id();

    if (badge >= 1 && badge <= MAX_CLIENTS && raw_batch_buf != NULL)
        batch(3 * MAX_CLIENTS + (int)badge - 1, raw_batch_buf((unsigned int)badge), 0);
}

/* ---- Input ---- */

/* seL4SerialServer's server side (the glue), when getchar is connected. */
void *getchar_buf(unsigned int badge) __attribute__((weak));
void getchar_emit(unsigned int badge) __attribute__((weak));
unsigned int getchar_num_badges(void) __attribute__((weak));
seL4_Word getchar_enumerate_badge(unsigned int i) __attribute__((weak));

static unsigned int active;             /* the client typed input goes to, by position */
static enum { LINE_START, MID_LINE, ESCAPE } input_state = LINE_START;

static void give(char c)
{
    if (getchar_num_badges == NULL || active >= getchar_num_badges())
        return;
    seL4_Word badge = getchar_enumerate_badge(active);
    volatile struct ring *r = getchar_buf((unsigned int)badge);
    uint32_t head = r->head, tail = r->tail;
    uint32_t next = (tail + 1) % sizeof(r->buf);

    if (tail >= sizeof(r->buf) || next == head)
        return;                         /* full (or scribbled on): drop it */
    r->buf[tail] = c;
    __atomic_thread_fence(__ATOMIC_RELEASE);
    r->tail = next;
    if (head == tail)                   /* it was empty: the client may be waiting */
        getchar_emit((unsigned int)badge);
}

static void typed(char c)
{
    switch (input_state) {
    case LINE_START:
        if (c == '@') {
            input_state = ESCAPE;
            return;
        }
        break;
    case ESCAPE:
        input_state = MID_LINE;
        if (c >= '0' && c <= '9') {
            active = (unsigned int)(c - '0');
            input_state = LINE_START;
            return;
        }
        if (c != '@')
            give('@');
        break;
    case MID_LINE:
        break;
    }
    input_state = (c == '\r' || c == '\n') ? LINE_START : MID_LINE;
    give(c);
}

static void input_interrupt(void *unused)
{
    (void)unused;
    serial_lock();
    for (int c; (c = uart_get()) >= 0;)
        typed((char)c);
    uart_interrupt_done();
    serial_unlock();
    irq_reg_callback(input_interrupt, NULL);
    irq_acknowledge();
}

void post_init(void)
{
    uart_receive_interrupts();
    irq_reg_callback(input_interrupt, NULL);
}

/* GetChar's one method, which CAmkES's clients never call: input travels
 * through seL4SerialServer's buffer. */
void getchar_foo(void)
{
}
