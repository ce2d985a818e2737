// SPDX-License-Identifier: BSD-2-Clause
/*
 * The PC's 16550 UART (COM1) as the kernel console, polled through port I/O.
 * QEMU needs no set-up; with a clock in board.yaml the UART is programmed for
 * BOARD_UART_BAUD, 8 bits, no parity, one stop bit, FIFOs on.
 */
#include <stdint.h>
#include <arch/cpu.h>
#include <arch/drivers.h>
#include <board_config.h>

#define THR 0                           /* with DLAB: divisor latch low */
#define IER 1                           /* with DLAB: divisor latch high */
#define FCR 2
#define LCR 3
#define MCR 4
#define LSR 5
#define LCR_DLAB    0x80
#define LCR_8N1     0x03
#define LSR_THRE    0x20

void uart_init(void)
{
    uint16_t base = BOARD_UART_BASE;

    if (BOARD_UART_CLOCK_HZ == 0)
        return;                         /* left as the firmware configured it */
    uint32_t divisor = BOARD_UART_CLOCK_HZ / (16 * BOARD_UART_BAUD);
    outb(base + IER, 0);                /* polled: no UART interrupts */
    outb(base + LCR, LCR_DLAB);
    outb(base + THR, divisor & 0xff);
    outb(base + IER, (divisor >> 8) & 0xff);
    outb(base + LCR, LCR_8N1);
    outb(base + FCR, 0xc7);             /* FIFOs on and cleared */
    outb(base + MCR, 0x03);             /* DTR, RTS */
}

void uart_putc(char c)
{
    while (!(inb(BOARD_UART_BASE + LSR) & LSR_THRE))
        ;
    outb(BOARD_UART_BASE + THR, (uint8_t)c);
}
