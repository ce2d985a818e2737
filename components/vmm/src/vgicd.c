// SPDX-License-Identifier: BSD-2-Clause
/*
 * The emulated GICv2 distributor (vmm/vgicd.h). Every access, byte, halfword
 * or word, is turned into an access to the aligned word that holds it: a read
 * takes its bytes out of the word, a write carries a byte mask, so the
 * bitmap registers (a set/clear write only touches the bits it names) and
 * the byte arrays (IPRIORITYR, ITARGETSR) share one path. Linux writes
 * ITARGETSR bytes one at a time when it moves an interrupt.
 */
#include <string.h>
#include <vmm/vgicd.h>

#define IIDR_VALUE 0x0200143bu          /* ARM (JEP106 0x43b), product 0x02, revision 1 */
#define SGI_CONFIG 0xaaaaaaaau          /* ICFGR0: SGIs are edge-triggered, read-only */
#define CONFIG_MASK 0xaaaaaaaau         /* ICFGR: only the edge/level bit of each pair */
#define PRIORITY_MASK 0xf8u             /* 32 priority levels, as a GIC-400 */
#define CPU0 0x01u                      /* the one CPU interface, in ITARGETSR */
#define FIRST_SPI 32u
#define FIRST_PPI 16u

/* PIDR4..PIDR7, PIDR0..PIDR3, CIDR0..CIDR3 from 0xFD0: a GICv2 (ArchRev 2). */
static const uint8_t id_regs[12] = { 0x04, 0x00, 0x00, 0x00, 0x90, 0xb4, 0x2b, 0x00,
                                     0x0d, 0xf0, 0x05, 0xb1 };

void vgicd_init(struct vgicd *d)
{
    memset(d, 0, sizeof(*d));
}

static bool in_range(uint32_t offset, uint32_t base, uint32_t bytes)
{
    return offset >= base && offset - base < bytes;
}

/* The word of a bitmap register at `offset` past `base`. */
static unsigned bitmap_word(uint32_t offset, uint32_t base)
{
    return (offset - base) / 4;
}

static uint32_t bytes_read(const uint8_t *array, unsigned first)
{
    return (uint32_t)array[first] | (uint32_t)array[first + 1] << 8 | (uint32_t)array[first + 2] << 16 |
           (uint32_t)array[first + 3] << 24;
}

static uint32_t targets_read(const struct vgicd *d, unsigned first)
{
    uint32_t word = 0;
    for (unsigned i = 0; i < 4; i++)
        word |= (first + i < FIRST_SPI ? CPU0 : d->target[first + i]) << (8 * i);
    return word;
}

/* The aligned word at `offset` as the guest would read it. */
static uint32_t word_read(const struct vgicd *d, uint32_t offset)
{
    const uint32_t bitmap_bytes = VGICD_WORDS * 4;

    if (offset == GICD_CTLR)
        return d->ctlr;
    if (offset == GICD_TYPER)
        return VGICD_NUM_IRQS / 32 - 1; /* ITLinesNumber; CPUNumber 0: one CPU */
    if (offset == GICD_IIDR)
        return IIDR_VALUE;
    if (in_range(offset, GICD_IGROUPR, bitmap_bytes))
        return d->group[bitmap_word(offset, GICD_IGROUPR)];
    if (in_range(offset, GICD_ISENABLER, bitmap_bytes))
        return d->enabled[bitmap_word(offset, GICD_ISENABLER)];
    if (in_range(offset, GICD_ICENABLER, bitmap_bytes))
        return d->enabled[bitmap_word(offset, GICD_ICENABLER)];
    if (in_range(offset, GICD_ISPENDR, bitmap_bytes))
        return d->pending[bitmap_word(offset, GICD_ISPENDR)];
    if (in_range(offset, GICD_ICPENDR, bitmap_bytes))
        return d->pending[bitmap_word(offset, GICD_ICPENDR)];
    /* ISACTIVER/ICACTIVER: the active state lives in the list registers,
     * which the VMM cannot see; Linux only writes them (to clear). */
    if (in_range(offset, GICD_IPRIORITYR, VGICD_NUM_IRQS))
        return bytes_read(d->priority, offset - GICD_IPRIORITYR);
    if (in_range(offset, GICD_ITARGETSR, VGICD_NUM_IRQS))
        return targets_read(d, offset - GICD_ITARGETSR);
    if (offset == GICD_ICFGR)
        return SGI_CONFIG;
    if (in_range(offset, GICD_ICFGR, sizeof(d->config)))
        return d->config[(offset - GICD_ICFGR) / 4];
    if (in_range(offset, GICD_ID_BASE, sizeof(id_regs) * 4))
        return id_regs[(offset - GICD_ID_BASE) / 4];
    return 0;                           /* reserved, write-only (SGIR) or past the implemented lines */
}

static void bytes_write(uint8_t *array, unsigned first, unsigned limit, uint32_t value, uint32_t mask,
                        uint8_t keep)
{
    for (unsigned i = 0; i < 4; i++) {
        if (((mask >> (8 * i)) & 0xff) != 0 && first + i >= limit)
            array[first + i] = (uint8_t)(value >> (8 * i)) & keep;
    }
}

/* Write the bits of `value` under `mask` into the aligned word at `offset`
 * (`value` is already masked). */
static void word_write(struct vgicd *d, uint32_t offset, uint32_t value, uint32_t mask)
{
    const uint32_t bitmap_bytes = VGICD_WORDS * 4;

    if (offset == GICD_CTLR) {
        d->ctlr = (d->ctlr & ~mask) | (value & 1u);
    } else if (in_range(offset, GICD_IGROUPR, bitmap_bytes)) {
        uint32_t *w = &d->group[bitmap_word(offset, GICD_IGROUPR)];
        *w = (*w & ~mask) | value;
    } else if (in_range(offset, GICD_ISENABLER, bitmap_bytes)) {
        d->enabled[bitmap_word(offset, GICD_ISENABLER)] |= value;
    } else if (in_range(offset, GICD_ICENABLER, bitmap_bytes)) {
        d->enabled[bitmap_word(offset, GICD_ICENABLER)] &= ~value;
    } else if (in_range(offset, GICD_ISPENDR, bitmap_bytes)) {
        unsigned w = bitmap_word(offset, GICD_ISPENDR);
        d->pending[w] |= w == 0 ? value & 0xffff0000u : value;  /* SGIs: only through SGIR */
    } else if (in_range(offset, GICD_ICPENDR, bitmap_bytes)) {
        d->pending[bitmap_word(offset, GICD_ICPENDR)] &= ~value;
    } else if (in_range(offset, GICD_IPRIORITYR, VGICD_NUM_IRQS)) {
        bytes_write(d->priority, offset - GICD_IPRIORITYR, 0, value, mask, PRIORITY_MASK);
    } else if (in_range(offset, GICD_ITARGETSR, VGICD_NUM_IRQS)) {
        bytes_write(d->target, offset - GICD_ITARGETSR, FIRST_SPI, value, mask, CPU0);
    } else if (offset != GICD_ICFGR && in_range(offset, GICD_ICFGR, sizeof(d->config))) {
        uint32_t *w = &d->config[(offset - GICD_ICFGR) / 4];
        *w = (*w & ~(mask & CONFIG_MASK)) | (value & CONFIG_MASK);
    } else if (offset == GICD_SGIR) {
        d->sgi_writes++;
    }
    /* Everything else (ISACTIVER, ICACTIVER, read-only and reserved
     * offsets) ignores writes. */
}

static uint32_t size_mask(unsigned size)
{
    return size >= 4 ? 0xffffffffu : (1u << (8 * size)) - 1;
}

static bool well_formed(uint32_t offset, unsigned size)
{
    return (size == 1 || size == 2 || size == 4) && (offset & (size - 1)) == 0 && offset < VGICD_SIZE;
}

uint32_t vgicd_read(const struct vgicd *d, uint32_t offset, unsigned size)
{
    if (!well_formed(offset, size))
        return 0;
    unsigned shift = 8 * (offset & 3);
    return (word_read(d, offset & ~3u) >> shift) & size_mask(size);
}

void vgicd_write(struct vgicd *d, uint32_t offset, unsigned size, uint32_t value)
{
    if (!well_formed(offset, size))
        return;
    unsigned shift = 8 * (offset & 3);
    uint32_t mask = size_mask(size) << shift;
    word_write(d, offset & ~3u, (value << shift) & mask, mask);
}

void vgicd_raise(struct vgicd *d, unsigned irq)
{
    if (irq >= FIRST_PPI && irq < VGICD_NUM_IRQS)
        d->pending[irq / 32] |= 1u << (irq % 32);
}

bool vgicd_pending_injectable(const struct vgicd *d, unsigned irq)
{
    if (irq >= VGICD_NUM_IRQS || (d->ctlr & 1u) == 0)
        return false;
    uint32_t bit = 1u << (irq % 32);
    return (d->pending[irq / 32] & d->enabled[irq / 32] & bit) != 0;
}

unsigned vgicd_take_injectable(struct vgicd *d, unsigned *out, unsigned max)
{
    /* Called after every exit: only the words with an interrupt both
     * pending and enabled are looked at, bit by bit (no loop over all 96). */
    unsigned n = 0;
    if ((d->ctlr & 1u) == 0)
        return 0;
    for (unsigned w = 0; w < VGICD_WORDS && n < max; w++) {
        uint32_t ready = d->pending[w] & d->enabled[w] & (w == 0 ? ~0u << FIRST_PPI : ~0u);
        while (ready != 0 && n < max) {
            unsigned bit = (unsigned)__builtin_ctz(ready);
            ready &= ready - 1;
            d->pending[w] &= ~(1u << bit);
            out[n++] = w * 32 + bit;
        }
    }
    return n;
}
