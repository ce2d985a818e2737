// SPDX-License-Identifier: BSD-2-Clause
/*
 * ARM PL011 UART as the kernel console: output polled, input (for the
 * component that reads the console) on the receive interrupt. QEMU needs no set-up; on a real
 * board the UART is programmed for BOARD_UART_BAUD from BOARD_UART_CLOCK_HZ
 * (and the board's pin mux, where it has one, is set by uart_pinmux()).
 */
#include <stdint.h>
#include <arch/cpu.h>
#include <arch/drivers.h>
#include <board_config.h>

#define UART_DR   0x00
#define UART_FR   0x18
#define UART_IBRD 0x24
#define UART_FBRD 0x28
#define UART_LCRH 0x2c
#define UART_CR   0x30
#define UART_IMSC 0x38
#define UART_ICR  0x44
#define FR_RXFE   (1u << 4)
#define FR_TXFF   (1u << 5)
#define INT_RX    (1u << 4)
#define INT_RT    (1u << 6)             /* receive timeout: bytes below the FIFO level */
#define FR_BUSY   (1u << 3)

void uart_pinmux(void) __attribute__((weak));

void uart_init(void)
{
    uintptr_t base = BOARD_UART_BASE;

    if (uart_pinmux != 0)
        uart_pinmux();
    if (BOARD_UART_CLOCK_HZ == 0)
        return;                         /* left as the loader configured it */
    while (mmio_read32(base + UART_FR) & FR_BUSY)
        ;
    mmio_write32(base + UART_CR, 0);
    /* Divisor = clock / (16 * baud), in 1/64ths for the fractional part. */
    uint32_t div64 = (uint32_t)((4ull * BOARD_UART_CLOCK_HZ + BOARD_UART_BAUD / 2) / BOARD_UART_BAUD);
    mmio_write32(base + UART_IBRD, div64 >> 6);
    mmio_write32(base + UART_FBRD, div64 & 63);
    mmio_write32(base + UART_LCRH, (3u << 5) | (1u << 4));     /* 8 bits, FIFOs on */
    mmio_write32(base + UART_ICR, 0x7ff);
    mmio_write32(base + UART_CR, (1u << 0) | (1u << 8) | (1u << 9));  /* UARTEN | TXE | RXE */
}

void uart_putc(char c)
{
    while (mmio_read32(BOARD_UART_BASE + UART_FR) & FR_TXFF)
        ;
    mmio_write32(BOARD_UART_BASE + UART_DR, (uint8_t)c);
}

int uart_getc(void)
{
    if (mmio_read32(BOARD_UART_BASE + UART_FR) & FR_RXFE) {
        mmio_write32(BOARD_UART_BASE + UART_ICR, INT_RX | INT_RT);
        return -1;
    }
    return (int)(mmio_read32(BOARD_UART_BASE + UART_DR) & 0xffu);
}

void uart_rx_interrupt_enable(void)
{
    mmio_write32(BOARD_UART_BASE + UART_IMSC, INT_RX | INT_RT);
}
