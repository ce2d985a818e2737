// SPDX-License-Identifier: BSD-2-Clause
/*
 * Raspberry Pi 2 pin mux for the console: the PL011 (UART0) reaches the header
 * only when GPIO 14 (TXD0) and GPIO 15 (RXD0) are in function ALT0, and the
 * pins should float (no pull-up or pull-down) as the Pi firmware leaves them
 * for its own UART. QEMU ignores all of this; a real board prints nothing
 * without it. Called by drivers/pl011.c through its weak uart_pinmux() hook,
 * before the UART is programmed, with or without the MMU on (the GPIO block
 * sits inside the board's Device-mapped peripheral window).
 */
#include <stdint.h>
#include <arch/cpu.h>

#define GPIO_BASE      0x3f200000u
#define GPFSEL1        (GPIO_BASE + 0x04)  /* function select, GPIO 10-19 */
#define GPPUD          (GPIO_BASE + 0x94)  /* pull-up/down control */
#define GPPUDCLK0      (GPIO_BASE + 0x98)  /* pull-up/down clock, GPIO 0-31 */

#define FSEL_ALT0      4u                  /* function number of ALT0 */
#define FSEL_SHIFT(n)  (((n) % 10u) * 3u)  /* three bits per pin */
#define PUD_OFF        0u
#define UART_PINS      ((1u << 14) | (1u << 15))
#define PUD_SETTLE     150                 /* cycles the BCM2835 manual asks for */

/* Not inlined (the kernel is built with link-time optimisation): it runs once,
 * and its symbol shows the board's hook is in the image. */
void uart_pinmux(void) __attribute__((noinline));

/* Burn at least `cycles` CPU cycles; volatile so the loop is not removed. */
static void delay_cycles(int cycles)
{
    for (volatile int i = 0; i < cycles; i++)
        ;
}

static void select_alt0(unsigned pin)
{
    uint32_t v = mmio_read32(GPFSEL1);

    v &= ~(7u << FSEL_SHIFT(pin));
    v |= FSEL_ALT0 << FSEL_SHIFT(pin);
    mmio_write32(GPFSEL1, v);
}

/* The BCM2835 pull sequence: set the control, wait, clock it into the chosen
 * pins, wait, then remove both. */
static void disable_pulls(uint32_t pins)
{
    mmio_write32(GPPUD, PUD_OFF);
    delay_cycles(PUD_SETTLE);
    mmio_write32(GPPUDCLK0, pins);
    delay_cycles(PUD_SETTLE);
    mmio_write32(GPPUD, 0);
    mmio_write32(GPPUDCLK0, 0);
}

/* GPIO 14/15 to ALT0 without pulls. Called once by uart_init(); touches only
 * those two pins' function and pull settings. */
void uart_pinmux(void)
{
    select_alt0(14);
    select_alt0(15);
    disable_pulls(UART_PINS);
}
