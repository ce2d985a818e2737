// SPDX-License-Identifier: BSD-2-Clause
/*
 * Interrupt tests against the PL011's transmit interrupt, which QEMU raises
 * whenever a character is written with TXIM unmasked and which stays raised
 * until ICR clears it: a level the test controls.
 */
#include <stdio.h>
#include <camkes.h>

#define UART_DR    0x00
#define UART_MIS   0x40
#define UART_IMSC  0x38
#define UART_ICR   0x44
#define INT_TX     (1u << 5)

static int failures;

static volatile uint32_t *reg(unsigned offset)
{
    return (volatile uint32_t *)((volatile uint8_t *)regs + offset);
}

static void result(const char *id, int ok, const char *what)
{
    if (ok) {
        printf("TEST %s ok\n", id);
    } else {
        printf("TEST %s FAIL: %s\n", id, what);
        failures++;
    }
}

int run(void)
{
    uintptr_t bits = 0;

    /* IPC0008: nb_recv takes a message from a sender already waiting. */
    tessera_msg_t m = { 0 };
    long err = tessera_nb_recv(CAP_ep, &m);
    result("IPC0008", err == ERR_OK && MSG_LABEL(m.info) == 7 && m.mr[0] == 0x5eed && m.badge == 1,
           "nb_recv did not return the waiting sender's message");

    /* IRQ0001: the device's interrupt arrives as the owner's notification. */
    *reg(UART_ICR) = INT_TX;
    *reg(UART_IMSC) |= INT_TX;
    *reg(UART_DR) = '\n';
    irq_wait();
    result("IRQ0001", (*reg(UART_MIS) & INT_TX) != 0, "woken, but the UART shows no transmit interrupt");

    /* IRQ0002: masked until irq_ack; acknowledged while the line is still
     * raised, it comes again; cleared at the device and acknowledged, it stays quiet. */
    tessera_poll(CAP_irq, &bits);
    int masked = (bits == 0);
    err = irq_acknowledge();
    irq_wait();
    int again = (err == ERR_OK);
    *reg(UART_ICR) = INT_TX;
    *reg(UART_IMSC) &= ~INT_TX;
    irq_acknowledge();
    tessera_yield();
    tessera_poll(CAP_irq, &bits);
    result("IRQ0002", masked && again && bits == 0, "the interrupt was not masked until irq_ack");

    /* IRQ0003: irq_ack refuses what is not an IRQ capability. */
    result("IRQ0003", tessera_irq_ack(CAP_irq) == ERR_WRONG_TYPE && tessera_irq_ack(999) == ERR_INVALID_CAP &&
           tessera_irq_ack(0) == ERR_INVALID_CAP, "irq_ack accepted a bad capability");

    printf("irq tests: %d failed\n", failures);
    return failures != 0;
}
