// SPDX-License-Identifier: BSD-2-Clause
/*
 * A PL011 driver at user level: unmask the receive interrupts, then for each
 * interrupt drain the receive FIFO, echo every character, and report each
 * line. "quit" ends the system. Registers: ARM PrimeCell UART (PL011) TRM.
 */
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <camkes.h>

#define UART_DR    0x00
#define UART_FR    0x18
#define UART_IMSC  0x38
#define UART_ICR   0x44

#define FR_RXFE    (1u << 4)
#define FR_TXFF    (1u << 5)
#define INT_RX     (1u << 4)
#define INT_RT     (1u << 6)

static volatile uint32_t *reg(unsigned offset)
{
    return (volatile uint32_t *)((volatile uint8_t *)regs + offset);
}

static void put(char c)
{
    while (*reg(UART_FR) & FR_TXFF)
        ;
    *reg(UART_DR) = (uint8_t)c;
}

int run(void)
{
    char line[80];
    size_t len = 0;
    unsigned interrupts = 0;

    *reg(UART_ICR) = INT_RX | INT_RT;
    *reg(UART_IMSC) |= INT_RX | INT_RT;
    printf("uart: driver ready, type a line (quit ends)\n");
    for (;;) {
        irq_wait();
        interrupts++;
        while (!(*reg(UART_FR) & FR_RXFE)) {
            char c = (char)(*reg(UART_DR) & 0xff);
            if (c == '\r' || c == '\n') {
                line[len] = '\0';
                put('\r');
                put('\n');
                printf("uart: line \"%s\" (%u interrupts so far)\n", line, interrupts);
                if (strcmp(line, "quit") == 0)
                    return 0;
                len = 0;
            } else if (len + 1 < sizeof(line)) {
                line[len++] = c;
                put(c);
            }
        }
        *reg(UART_ICR) = INT_RX | INT_RT;
        irq_acknowledge();
    }
}
