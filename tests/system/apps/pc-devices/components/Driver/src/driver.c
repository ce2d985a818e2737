/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * Drives three legacy PC devices through CAmkES's glue: the i8042 PS/2
 * controller's self test (command 0xaa on port 0x64; IRQ 1 and the status
 * port say the answer, 0x55, is on port 0x60), a line of VGA text written to
 * and read back from 0xb8000, and three interrupts of the PIT's channel 0 at
 * 100 Hz, taken by pit_irq_handle() as CAmkES drivers take them.
 */
#include <camkes.h>
#include <stdint.h>
#include <stdio.h>

#define PIT_HZ 1193182u
#define PIT_RATE 100u
#define PIT_TICKS 3

#define PS2_DATA 0x60
#define PS2_STATUS 0x64
#define PS2_OUTPUT_FULL 0x01
#define PS2_INPUT_FULL 0x02

static void ps2_command(uint8_t port, uint8_t value)
{
    while (ps2_in8(PS2_STATUS) & PS2_INPUT_FULL)
        ;
    ps2_out8(port, value);
}

/* The controller's self test, its answer announced by IRQ 1: the status port
 * says when the data port holds it. */
static int ps2_self_test(int *status)
{
    while (ps2_in8(PS2_STATUS) & PS2_OUTPUT_FULL)          /* drain what the BIOS left */
        (void)ps2_in8(PS2_DATA);
    ps2_command(PS2_STATUS, 0x60);                          /* write the command byte: */
    ps2_command(PS2_DATA, 0x01);                            /* keyboard interrupt on */
    ps2_command(PS2_STATUS, 0xaa);                          /* controller self test */
    kbd_irq_wait();
    *status = ps2_in8(PS2_STATUS);
    int answer = ps2_in8(PS2_DATA);
    kbd_irq_acknowledge();
    return answer;
}

static void vga_write(int row, const char *text)
{
    volatile uint16_t *cell = (volatile uint16_t *)vga + row * 80;

    for (int i = 0; text[i] != '\0'; i++)
        cell[i] = (uint16_t)(0x0700 | (uint8_t)text[i]);   /* light grey on black */
}

static void vga_read(int row, char *out, int len)
{
    volatile uint16_t *cell = (volatile uint16_t *)vga + row * 80;

    for (int i = 0; i < len; i++)
        out[i] = (char)(cell[i] & 0xff);
    out[len] = '\0';
}

static void pit_start(void)
{
    uint16_t divisor = (uint16_t)(PIT_HZ / PIT_RATE);

    pit_command_out8(0x43, 0x34);                           /* channel 0, lo/hi byte, mode 2 */
    pit_channel0_out8(0x40, divisor & 0xff);
    pit_channel0_out8(0x40, divisor >> 8);
}

static void pit_stop(void)
{
    pit_command_out8(0x43, 0x30);                           /* mode 0, never loaded: quiet */
}

/* CAmkES's way to take an interrupt: the interrupt's thread calls this. */
void pit_irq_handle(void)
{
    static int ticks;

    if (ticks < PIT_TICKS) {
        printf("pit: tick %d\n", ++ticks);
        if (ticks == PIT_TICKS)
            ticked_post();
    }
    pit_irq_acknowledge();
}

int run(void)
{
    int status;
    int answer = ps2_self_test(&status);
    printf("ps2: self test answered %#x after interrupt 1, output buffer %s\n", answer,
           (status & PS2_OUTPUT_FULL) ? "full" : "empty");

    char line[16];
    vga_write(0, "Tessera VGA");
    vga_read(0, line, 11);
    printf("vga: read back \"%s\" from 0xb8000\n", line);

    pit_start();
    ticked_wait();                      /* pit_irq_handle() has seen PIT_TICKS */
    pit_stop();
    printf("pc-devices: done\n");
    return 0;
}
