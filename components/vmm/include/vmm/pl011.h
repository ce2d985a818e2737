/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * The guest's emulated PL011 UART. Its page is not mapped at stage 2, so each
 * access is an MMIO exit answered here. Output goes to a callback (the VMM
 * writes it to the kernel console); input is pushed into a receive FIFO by
 * the VMM when the user types.
 *
 * The model: transmission is instant, so the transmit FIFO is always empty
 * (FR.TXFE set, TXFF and BUSY clear). The transmit interrupt (TXRIS) is set
 * at reset and after every write to DR (the FIFO has just drained below any
 * trigger level) and cleared by ICR, as a real PL011 raises it on crossing
 * its trigger level. The receive and receive-timeout interrupts (RXRIS,
 * RTRIS) are set exactly while the receive FIFO holds characters, and the
 * interrupt line is (RIS & IMSC) != 0.
 * Pure C, no system calls: the host tests drive it directly.
 */
#ifndef VMM_PL011_H
#define VMM_PL011_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#define PL011_SIZE 0x1000u
#define PL011_RX_FIFO 64u       /* deeper than a real one's 16: the driver reads until FR.RXFE */

/* Register offsets. */
#define PL011_DR 0x000u
#define PL011_RSR 0x004u        /* RSR on read, ECR on write */
#define PL011_FR 0x018u
#define PL011_ILPR 0x020u
#define PL011_IBRD 0x024u
#define PL011_FBRD 0x028u
#define PL011_LCR_H 0x02cu
#define PL011_CR 0x030u
#define PL011_IFLS 0x034u
#define PL011_IMSC 0x038u
#define PL011_RIS 0x03cu
#define PL011_MIS 0x040u
#define PL011_ICR 0x044u
#define PL011_DMACR 0x048u
#define PL011_ID_BASE 0xfe0u    /* PeriphID0..3, PCellID0..3 */

/* FR bits. */
#define PL011_FR_BUSY (1u << 3)
#define PL011_FR_RXFE (1u << 4)
#define PL011_FR_TXFF (1u << 5)
#define PL011_FR_RXFF (1u << 6)
#define PL011_FR_TXFE (1u << 7)

/* Interrupt bits (IMSC, RIS, MIS, ICR). */
#define PL011_INT_RX (1u << 4)
#define PL011_INT_TX (1u << 5)
#define PL011_INT_RT (1u << 6)
#define PL011_INT_ALL 0x7ffu

struct pl011 {
    void (*output)(void *ctx, char c);  /* each character the guest writes to DR */
    void *output_ctx;
    uint8_t rx[PL011_RX_FIFO];
    unsigned rx_head, rx_count;
    unsigned rx_dropped;                /* input lost because the FIFO was full */
    uint32_t ris;                       /* the latched bits (TX); RX and RT follow the FIFO */
    uint32_t imsc, cr, lcr_h, ibrd, fbrd, ifls, dmacr;
};

/* Reset state; `output` receives the guest's characters. */
void pl011_init(struct pl011 *u, void (*output)(void *ctx, char c), void *ctx);

/* A guest read of `size` bytes at `offset` (word registers: the low bits of
 * the word; reserved offsets read as zero). May pop the receive FIFO. */
uint32_t pl011_read(struct pl011 *u, uint32_t offset, unsigned size);

/* A guest write at `offset`; reserved and read-only offsets ignore it. */
void pl011_write(struct pl011 *u, uint32_t offset, unsigned size, uint32_t value);

/* Queue `len` typed characters for the guest. Returns how many were taken;
 * the rest are counted in rx_dropped. */
size_t pl011_receive(struct pl011 *u, const uint8_t *chars, size_t len);

/* The level of the UART's interrupt line: (RIS & IMSC) != 0. */
bool pl011_irq_level(const struct pl011 *u);

#endif
