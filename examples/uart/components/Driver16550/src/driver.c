// SPDX-License-Identifier: BSD-2-Clause
/*
 * A 16550 driver at user level, the PC's twin of ../Driver (PL011): turn on the
 * received-data interrupt (and OUT2, which gates the UART's interrupt line on a
 * PC), then for each interrupt drain the receiver, echo every character, and
 * report each line. "quit" ends the system. The registers are I/O ports, reached
 * through seL4HardwareIOPort's port_in8_offset()/port_out8_offset(). Registers: the
 * National Semiconductor PC16550D data sheet.
 */
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <camkes.h>

#define RBR 0                   /* read: receive buffer */
#define THR 0                   /* write: transmit holding */
#define IER 1
#define MCR 4
#define LSR 5

#define IER_RDA   0x01          /* received-data-available interrupt */
#define MCR_DTR   0x01
#define MCR_RTS   0x02
#define MCR_OUT2  0x08          /* connects the interrupt to the PC's IRQ line */
#define LSR_DR    0x01          /* a character is waiting */
#define LSR_THRE  0x20          /* the transmitter can take one */

static uint8_t get_reg(unsigned reg)
{
    return port_in8_offset((uint16_t)reg);
}

static void set_reg(unsigned reg, uint8_t value)
{
    port_out8_offset((uint16_t)reg, value);
}

static void put(char c)
{
    while (!(get_reg(LSR) & LSR_THRE))
        ;
    set_reg(THR, (uint8_t)c);
}

/* Take every waiting character: echo it, collect the line, report a finished
 * line. Returns 1 when the line was "quit". */
static int drain(char *line, size_t size, size_t *len, unsigned interrupts)
{
    while (get_reg(LSR) & LSR_DR) {
        char c = (char)get_reg(RBR);
        if (c == '\r' || c == '\n') {
            line[*len] = '\0';
            put('\r');
            put('\n');
            printf("uart: line \"%s\" (%u interrupts so far)\n", line, interrupts);
            if (strcmp(line, "quit") == 0)
                return 1;
            *len = 0;
        } else if (*len + 1 < size) {
            line[(*len)++] = c;
            put(c);
        }
    }
    return 0;
}

int run(void)
{
    char line[80];
    size_t len = 0;
    unsigned interrupts = 0;

    while (get_reg(LSR) & LSR_DR)       /* nothing typed before we were ready */
        (void)get_reg(RBR);
    set_reg(MCR, MCR_DTR | MCR_RTS | MCR_OUT2);
    set_reg(IER, IER_RDA);
    printf("uart: driver ready, type a line (quit ends)\n");
    for (;;) {
        irq_wait();
        interrupts++;
        /* ISA interrupts are edges, and the kernel masks the input until the
         * acknowledgement: a character that came in between the last drain
         * and the unmasking raised no new edge, so look once more. */
        do {
            if (drain(line, sizeof(line), &len, interrupts))
                return 0;
            irq_acknowledge();
        } while (get_reg(LSR) & LSR_DR);
    }
}
