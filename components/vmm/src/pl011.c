// SPDX-License-Identifier: BSD-2-Clause
/*
 * The emulated PL011 (vmm/pl011.h): registers, the receive FIFO and the
 * interrupt state. Linux's amba-pl011 driver reads the PrimeCell ID, sets the
 * baud rate and line control, enables RX/RT interrupts, writes characters
 * while FR.TXFF is clear (always, here) and, in its interrupt handler, reads
 * MIS and then DR until FR.RXFE.
 */
#include <string.h>
#include <vmm/pl011.h>

#define CR_RESET 0x300u         /* TXE | RXE */
#define IFLS_RESET 0x12u        /* both trigger levels at 1/2 */

/* PeriphID0..3 (a PL011 r1p5, designer ARM), PCellID0..3 (PrimeCell). */
static const uint8_t id_regs[8] = { 0x11, 0x10, 0x14, 0x00, 0x0d, 0xf0, 0x05, 0xb1 };

void pl011_init(struct pl011 *u, void (*output)(void *ctx, char c), void *ctx)
{
    memset(u, 0, sizeof(*u));
    u->output = output;
    u->output_ctx = ctx;
    u->ris = PL011_INT_TX;      /* the (always empty) transmit FIFO is below its trigger level */
    u->cr = CR_RESET;
    u->ifls = IFLS_RESET;
}

static uint32_t raw_status(const struct pl011 *u)
{
    return u->rx_count != 0 ? u->ris | PL011_INT_RX | PL011_INT_RT : u->ris;
}

static uint32_t flags(const struct pl011 *u)
{
    uint32_t fr = PL011_FR_TXFE;
    if (u->rx_count == 0)
        fr |= PL011_FR_RXFE;
    if (u->rx_count == PL011_RX_FIFO)
        fr |= PL011_FR_RXFF;
    return fr;
}

static uint32_t pop(struct pl011 *u)
{
    if (u->rx_count == 0)
        return 0;
    uint8_t c = u->rx[u->rx_head];
    u->rx_head = (u->rx_head + 1) % PL011_RX_FIFO;
    u->rx_count--;
    return c;                   /* no framing, parity, break or overrun errors */
}

static uint32_t word_read(struct pl011 *u, uint32_t offset)
{
    switch (offset) {
    case PL011_DR: return pop(u);
    case PL011_RSR: return 0;
    case PL011_FR: return flags(u);
    case PL011_IBRD: return u->ibrd;
    case PL011_FBRD: return u->fbrd;
    case PL011_LCR_H: return u->lcr_h;
    case PL011_CR: return u->cr;
    case PL011_IFLS: return u->ifls;
    case PL011_IMSC: return u->imsc;
    case PL011_RIS: return raw_status(u);
    case PL011_MIS: return raw_status(u) & u->imsc;
    case PL011_DMACR: return u->dmacr;
    default:
        if (offset >= PL011_ID_BASE && offset < PL011_SIZE)
            return id_regs[(offset - PL011_ID_BASE) / 4];
        return 0;               /* reserved, ILPR (no IrDA), write-only ICR */
    }
}

static void word_write(struct pl011 *u, uint32_t offset, uint32_t value)
{
    switch (offset) {
    case PL011_DR:
        u->output(u->output_ctx, (char)(value & 0xff));
        u->ris |= PL011_INT_TX; /* sent at once: the FIFO drained again */
        break;
    case PL011_RSR: break;      /* ECR: there are no errors to clear */
    case PL011_IBRD: u->ibrd = value & 0xffff; break;
    case PL011_FBRD: u->fbrd = value & 0x3f; break;
    case PL011_LCR_H: u->lcr_h = value & 0xff; break;
    case PL011_CR: u->cr = value & 0xff87; break;
    case PL011_IFLS: u->ifls = value & 0x3f; break;
    case PL011_IMSC: u->imsc = value & PL011_INT_ALL; break;
    case PL011_ICR: u->ris &= ~value; break;    /* RX/RT stay set while the FIFO is not empty */
    case PL011_DMACR: u->dmacr = value & 0x7; break;
    default: break;             /* read-only and reserved */
    }
}

static bool well_formed(uint32_t offset, unsigned size)
{
    return (size == 1 || size == 2 || size == 4) && (offset & (size - 1)) == 0 && offset < PL011_SIZE;
}

uint32_t pl011_read(struct pl011 *u, uint32_t offset, unsigned size)
{
    /* A narrower access reads the low bits of its register (drivers read DR
     * and FR with byte or halfword loads); one inside a word reads zero. */
    if (!well_formed(offset, size) || (offset & 3) != 0)
        return 0;
    uint32_t mask = size == 4 ? 0xffffffffu : (1u << (8 * size)) - 1;
    return word_read(u, offset) & mask;
}

void pl011_write(struct pl011 *u, uint32_t offset, unsigned size, uint32_t value)
{
    if (!well_formed(offset, size) || (offset & 3) != 0)
        return;
    word_write(u, offset, value);
}

size_t pl011_receive(struct pl011 *u, const uint8_t *chars, size_t len)
{
    size_t taken = 0;
    while (taken < len && u->rx_count < PL011_RX_FIFO) {
        u->rx[(u->rx_head + u->rx_count) % PL011_RX_FIFO] = chars[taken++];
        u->rx_count++;
    }
    u->rx_dropped += (unsigned)(len - taken);
    return taken;
}

bool pl011_irq_level(const struct pl011 *u)
{
    return (raw_status(u) & u->imsc) != 0;
}
