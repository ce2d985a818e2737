// SPDX-License-Identifier: BSD-2-Clause
/*
 * Host tests of the VMM's pure logic (components/vmm/src: vgicd.c, pl011.c,
 * psci.c, devices.c, loader.c), built by tests/host/test_vmm.py with the
 * host's gcc under AddressSanitizer and UBSan, one cmocka group. What Linux
 * 6.1 does to these devices while it boots is what is checked: the accesses
 * of its GIC and PL011 drivers and its PSCI probe.
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>
#include <vmm/devices.h>
#include <vmm/loader.h>
#include <vmm/psci.h>

/* ---- vGICD ------------------------------------------------------------ */

static void gicd_identification(void **state)
{
    (void)state;
    struct vgicd d;
    vgicd_init(&d);
    assert_int_equal(vgicd_read(&d, GICD_TYPER, 4), 2);     /* 96 lines, CPUNumber 0 */
    assert_int_equal(vgicd_read(&d, GICD_IIDR, 4) & 0xfff, 0x43b);
    /* PIDR2 says GICv2; CIDR0..3 the PrimeCell preamble. */
    assert_int_equal(vgicd_read(&d, 0xfe8, 4), 0x2b);
    assert_int_equal(vgicd_read(&d, 0xff0, 4), 0x0d);
    assert_int_equal(vgicd_read(&d, 0xff4, 4), 0xf0);
    assert_int_equal(vgicd_read(&d, 0xff8, 4), 0x05);
    assert_int_equal(vgicd_read(&d, 0xffc, 4), 0xb1);
}

static void gicd_ctlr_and_reserved(void **state)
{
    (void)state;
    struct vgicd d;
    vgicd_init(&d);
    assert_int_equal(vgicd_read(&d, GICD_CTLR, 4), 0);
    vgicd_write(&d, GICD_CTLR, 4, 0xffffffff);
    assert_int_equal(vgicd_read(&d, GICD_CTLR, 4), 1);
    vgicd_write(&d, GICD_CTLR, 4, 0);
    assert_int_equal(vgicd_read(&d, GICD_CTLR, 4), 0);

    /* Reserved, read-only and past-the-lines offsets: RAZ/WI. */
    static const uint32_t raz[] = { 0x00c, 0x040, 0x10c, 0x47c, 0x860, 0xc18, 0xd00, 0xf04, 0xf10, 0xfcc };
    for (unsigned i = 0; i < sizeof(raz) / sizeof(raz[0]); i++) {
        vgicd_write(&d, raz[i], 4, 0xffffffff);
        assert_int_equal(vgicd_read(&d, raz[i], 4), 0);
    }
    vgicd_write(&d, GICD_TYPER, 4, 0xffffffff);
    assert_int_equal(vgicd_read(&d, GICD_TYPER, 4), 2);
    /* Misaligned accesses and accesses past the page read zero, write nothing. */
    vgicd_write(&d, GICD_IPRIORITYR + 2, 4, 0xffffffff);
    assert_int_equal(vgicd_read(&d, GICD_IPRIORITYR, 4), 0);
    assert_int_equal(vgicd_read(&d, 0x1000, 4), 0);
}

static void gicd_priority_word_and_byte(void **state)
{
    (void)state;
    struct vgicd d;
    vgicd_init(&d);
    vgicd_write(&d, GICD_IPRIORITYR + 32, 4, 0xa0a0a0a0);     /* INTID 32..35 */
    assert_int_equal(vgicd_read(&d, GICD_IPRIORITYR + 32, 4), 0xa0a0a0a0);
    vgicd_write(&d, GICD_IPRIORITYR + 33, 1, 0x80);
    assert_int_equal(vgicd_read(&d, GICD_IPRIORITYR + 32, 4), 0xa0a080a0);
    assert_int_equal(vgicd_read(&d, GICD_IPRIORITYR + 33, 1), 0x80);
    assert_int_equal(vgicd_read(&d, GICD_IPRIORITYR + 34, 2), 0xa0a0);
    vgicd_write(&d, GICD_IPRIORITYR + 34, 2, 0x1234);         /* 32 levels: low 3 bits RAZ */
    assert_int_equal(vgicd_read(&d, GICD_IPRIORITYR + 32, 4), 0x103080a0);
    /* The last implemented line, and nothing past it. */
    vgicd_write(&d, GICD_IPRIORITYR + 95, 1, 0xff);
    assert_int_equal(vgicd_read(&d, GICD_IPRIORITYR + 92, 4), 0xf8000000);
    vgicd_write(&d, GICD_IPRIORITYR + 96, 4, 0xffffffff);
    assert_int_equal(vgicd_read(&d, GICD_IPRIORITYR + 96, 4), 0);
}

static void gicd_targets(void **state)
{
    (void)state;
    struct vgicd d;
    vgicd_init(&d);
    /* SGIs and PPIs target CPU 0, read-only: Linux builds its CPU mask from these. */
    for (uint32_t off = 0; off < 32; off += 4) {
        assert_int_equal(vgicd_read(&d, GICD_ITARGETSR + off, 4), 0x01010101);
        vgicd_write(&d, GICD_ITARGETSR + off, 4, 0);
        assert_int_equal(vgicd_read(&d, GICD_ITARGETSR + off, 4), 0x01010101);
    }
    assert_int_equal(vgicd_read(&d, GICD_ITARGETSR + 27, 1), 0x01);
    /* SPIs: only CPU 0's bit exists. Linux moves INTID 33 with a byte write to 0x821. */
    assert_int_equal(vgicd_read(&d, GICD_ITARGETSR + 32, 4), 0);
    vgicd_write(&d, 0x821, 1, 0x01);
    assert_int_equal(vgicd_read(&d, 0x821, 1), 0x01);
    assert_int_equal(vgicd_read(&d, 0x820, 4), 0x00000100);
    vgicd_write(&d, GICD_ITARGETSR + 36, 4, 0xffffffff);
    assert_int_equal(vgicd_read(&d, GICD_ITARGETSR + 36, 4), 0x01010101);
}

static void gicd_config(void **state)
{
    (void)state;
    struct vgicd d;
    vgicd_init(&d);
    assert_int_equal(vgicd_read(&d, GICD_ICFGR, 4), 0xaaaaaaaa);       /* SGIs: edge, read-only */
    vgicd_write(&d, GICD_ICFGR, 4, 0);
    assert_int_equal(vgicd_read(&d, GICD_ICFGR, 4), 0xaaaaaaaa);
    vgicd_write(&d, GICD_ICFGR + 8, 4, 0xffffffff);
    assert_int_equal(vgicd_read(&d, GICD_ICFGR + 8, 4), 0xaaaaaaaa);   /* only the edge/level bits */
    vgicd_write(&d, GICD_ICFGR + 8, 4, 0);
    assert_int_equal(vgicd_read(&d, GICD_ICFGR + 8, 4), 0);
    vgicd_write(&d, GICD_ICFGR + 20, 4, 0x2);
    assert_int_equal(vgicd_read(&d, GICD_ICFGR + 20, 4), 0x2);
    assert_int_equal(vgicd_read(&d, GICD_ICFGR + 24, 4), 0);           /* past 96 lines */
}

static void gicd_enable_set_clear_word_and_byte(void **state)
{
    (void)state;
    struct vgicd d;
    vgicd_init(&d);
    vgicd_write(&d, GICD_ISENABLER + 4, 4, 0x00000006);     /* INTID 33, 34 */
    vgicd_write(&d, GICD_ISENABLER + 4, 4, 0x00000001);     /* set only adds */
    assert_int_equal(vgicd_read(&d, GICD_ICENABLER + 4, 4), 0x7);
    vgicd_write(&d, GICD_ICENABLER + 4, 4, 0x00000004);
    assert_int_equal(vgicd_read(&d, GICD_ISENABLER + 4, 4), 0x3);
    vgicd_write(&d, GICD_ISENABLER + 5, 1, 0x01);           /* byte lane 1: INTID 40 */
    assert_int_equal(vgicd_read(&d, GICD_ISENABLER + 4, 4), 0x103);
    vgicd_write(&d, GICD_ICENABLER + 4, 1, 0x01);           /* byte lane 0: INTID 32 */
    assert_int_equal(vgicd_read(&d, GICD_ISENABLER + 4, 4), 0x102);
    vgicd_write(&d, GICD_ICENABLER, 4, 0xffffffff);         /* Linux at boot, per word */
    vgicd_write(&d, GICD_ICENABLER + 4, 4, 0xffffffff);
    vgicd_write(&d, GICD_ICENABLER + 8, 4, 0xffffffff);
    for (uint32_t off = 0; off < 12; off += 4)
        assert_int_equal(vgicd_read(&d, GICD_ISENABLER + off, 4), 0);
    /* ICACTIVER writes (Linux: 0xffffffff per word) are ignored; active reads as 0. */
    vgicd_write(&d, GICD_ICACTIVER + 4, 4, 0xffffffff);
    vgicd_write(&d, GICD_ISACTIVER + 4, 4, 0xffffffff);
    assert_int_equal(vgicd_read(&d, GICD_ISACTIVER + 4, 4), 0);
    /* SGIR: write-only, nobody else to signal. */
    vgicd_write(&d, GICD_SGIR, 4, 0x00010001);
    assert_int_equal(d.sgi_writes, 1);
    assert_int_equal(vgicd_read(&d, GICD_SGIR, 4), 0);
}

static void gicd_injects_only_what_the_guest_enabled(void **state)
{
    (void)state;
    struct vgicd d;
    unsigned out[4];
    vgicd_init(&d);
    vgicd_raise(&d, 33);                                    /* an edge before Linux is ready */
    assert_false(vgicd_pending_injectable(&d, 33));
    assert_int_equal(vgicd_take_injectable(&d, out, 4), 0);
    assert_int_equal(vgicd_read(&d, GICD_ISPENDR + 4, 4), 0x2);   /* remembered */
    vgicd_write(&d, GICD_ISENABLER + 4, 4, 0x2);
    assert_false(vgicd_pending_injectable(&d, 33));         /* the distributor is still off */
    vgicd_write(&d, GICD_CTLR, 4, 1);
    assert_true(vgicd_pending_injectable(&d, 33));
    assert_int_equal(vgicd_take_injectable(&d, out, 4), 1);
    assert_int_equal(out[0], 33);
    assert_false(vgicd_pending_injectable(&d, 33));         /* handed to the kernel once */
    assert_int_equal(vgicd_take_injectable(&d, out, 4), 0);

    vgicd_write(&d, GICD_ICENABLER + 4, 4, 0x2);
    vgicd_raise(&d, 33);
    assert_int_equal(vgicd_take_injectable(&d, out, 4), 0);
    vgicd_write(&d, GICD_ICPENDR + 4, 4, 0x2);              /* the guest drops it */
    vgicd_write(&d, GICD_ISENABLER + 4, 4, 0x2);
    assert_int_equal(vgicd_take_injectable(&d, out, 4), 0);

    vgicd_write(&d, GICD_ISPENDR + 4, 4, 0x4);              /* the guest pends 34 itself */
    vgicd_write(&d, GICD_ISENABLER + 4, 4, 0x4);
    vgicd_raise(&d, 33);
    assert_int_equal(vgicd_take_injectable(&d, out, 4), 2);
    assert_int_equal(out[0], 33);
    assert_int_equal(out[1], 34);

    vgicd_raise(&d, 3);                                     /* SGIs are not the VMM's */
    vgicd_raise(&d, 96);                                    /* nor lines past the last */
    vgicd_write(&d, GICD_ISENABLER, 4, 0xffffffff);
    assert_int_equal(vgicd_take_injectable(&d, out, 4), 0);
    assert_false(vgicd_pending_injectable(&d, 1000));
}

/* ---- PSCI ------------------------------------------------------------- */

static void psci_answers_linux_probe(void **state)
{
    (void)state;
    struct psci_result r;
    r = psci_call(PSCI_VERSION, 0);
    assert_int_equal(r.action, PSCI_ACTION_REPLY);
    assert_int_equal(r.r0, 0x10000);
    r = psci_call(PSCI_MIGRATE_INFO_TYPE, 0);
    assert_int_equal(r.action, PSCI_ACTION_REPLY);
    assert_int_equal(r.r0, 2);

    static const uint32_t refused[] = { SMCCC_VERSION, PSCI_CPU_SUSPEND, PSCI_SYSTEM_SUSPEND,
                                        PSCI_SYSTEM_RESET2, PSCI_CPU_ON, 0xc4000003u, 0x8400000bu };
    for (unsigned i = 0; i < sizeof(refused) / sizeof(refused[0]); i++) {
        r = psci_call(PSCI_FEATURES, refused[i]);
        assert_int_equal(r.action, PSCI_ACTION_REPLY);
        assert_int_equal(r.r0, -1);
    }
    static const uint32_t supported[] = { PSCI_VERSION, PSCI_FEATURES, PSCI_MIGRATE_INFO_TYPE,
                                          PSCI_SYSTEM_OFF, PSCI_SYSTEM_RESET };
    for (unsigned i = 0; i < sizeof(supported) / sizeof(supported[0]); i++)
        assert_int_equal(psci_call(PSCI_FEATURES, supported[i]).r0, 0);

    assert_int_equal(psci_call(PSCI_SYSTEM_OFF, 0).action, PSCI_ACTION_POWER_OFF);
    assert_int_equal(psci_call(PSCI_SYSTEM_RESET, 0).action, PSCI_ACTION_RESET);
}

static void psci_refuses_everything_else(void **state)
{
    (void)state;
    static const uint32_t other[] = { PSCI_CPU_SUSPEND, PSCI_CPU_OFF, PSCI_CPU_ON, 0x84000004u,
                                      PSCI_SYSTEM_SUSPEND, PSCI_SYSTEM_RESET2, SMCCC_VERSION,
                                      0x80000001u, 0x8600ff01u, 0xc4000003u, 0, 0xffffffffu };
    for (unsigned i = 0; i < sizeof(other) / sizeof(other[0]); i++) {
        struct psci_result r = psci_call(other[i], 0);
        assert_int_equal(r.action, PSCI_ACTION_REPLY);
        assert_int_equal(r.r0, PSCI_NOT_SUPPORTED);
    }
}

/* ---- PL011 ------------------------------------------------------------ */

static char sent[64];
static size_t sent_len;

static void capture(void *ctx, char c)
{
    (void)ctx;
    if (sent_len < sizeof(sent))
        sent[sent_len++] = c;
}

static int reset_capture(void **state)
{
    (void)state;
    sent_len = 0;
    memset(sent, 0, sizeof(sent));
    return 0;
}

static void pl011_identity_and_flags(void **state)
{
    (void)state;
    struct pl011 u;
    pl011_init(&u, capture, NULL);
    static const uint8_t id[8] = { 0x11, 0x10, 0x14, 0x00, 0x0d, 0xf0, 0x05, 0xb1 };
    for (unsigned i = 0; i < 8; i++)
        assert_int_equal(pl011_read(&u, PL011_ID_BASE + 4 * i, 4), id[i]);
    uint32_t fr = pl011_read(&u, PL011_FR, 4);
    assert_int_equal(fr & (PL011_FR_TXFE | PL011_FR_RXFE | PL011_FR_TXFF | PL011_FR_BUSY | PL011_FR_RXFF),
                     PL011_FR_TXFE | PL011_FR_RXFE);
    assert_int_equal(pl011_read(&u, PL011_FR, 1), fr & 0xff);
    assert_int_equal(pl011_read(&u, PL011_CR, 4), 0x300);
    /* What Linux programs reads back. */
    pl011_write(&u, PL011_IBRD, 4, 13);
    pl011_write(&u, PL011_FBRD, 4, 1);
    pl011_write(&u, PL011_LCR_H, 4, 0x70);
    pl011_write(&u, PL011_CR, 4, 0x301);
    pl011_write(&u, PL011_IFLS, 4, 0x12);
    pl011_write(&u, PL011_DMACR, 4, 0);
    assert_int_equal(pl011_read(&u, PL011_IBRD, 4), 13);
    assert_int_equal(pl011_read(&u, PL011_FBRD, 4), 1);
    assert_int_equal(pl011_read(&u, PL011_LCR_H, 4), 0x70);
    assert_int_equal(pl011_read(&u, PL011_CR, 4), 0x301);
    assert_int_equal(pl011_read(&u, PL011_IFLS, 4), 0x12);
    assert_int_equal(pl011_read(&u, PL011_RSR, 4), 0);
    assert_int_equal(pl011_read(&u, 0x800, 4), 0);           /* reserved */
    assert_int_equal(pl011_read(&u, PL011_ICR, 4), 0);       /* write-only */
}

static void pl011_output(void **state)
{
    (void)state;
    struct pl011 u;
    pl011_init(&u, capture, NULL);
    pl011_write(&u, PL011_DR, 4, 'o');
    pl011_write(&u, PL011_DR, 1, 'k');
    pl011_write(&u, PL011_DR, 4, 0x100 | '\n');             /* only the data byte is sent */
    assert_int_equal(sent_len, 3);
    assert_memory_equal(sent, "ok\n", 3);
    assert_int_equal(pl011_read(&u, PL011_FR, 4) & PL011_FR_TXFF, 0);
}

static void pl011_receive_and_interrupt_levels(void **state)
{
    (void)state;
    struct pl011 u;
    pl011_init(&u, capture, NULL);
    assert_false(pl011_irq_level(&u));                      /* nothing unmasked */
    pl011_write(&u, PL011_ICR, 4, 0x7ff);                   /* Linux clears every interrupt */
    assert_int_equal(pl011_read(&u, PL011_RIS, 4), 0);
    pl011_write(&u, PL011_IMSC, 4, PL011_INT_RX | PL011_INT_RT);
    assert_false(pl011_irq_level(&u));

    assert_int_equal(pl011_receive(&u, (const uint8_t *)"ls", 2), 2);
    assert_int_equal(pl011_read(&u, PL011_FR, 4) & PL011_FR_RXFE, 0);
    assert_int_equal(pl011_read(&u, PL011_RIS, 4), PL011_INT_RX | PL011_INT_RT);
    assert_int_equal(pl011_read(&u, PL011_MIS, 4), PL011_INT_RX | PL011_INT_RT);
    assert_true(pl011_irq_level(&u));
    pl011_write(&u, PL011_ICR, 4, PL011_INT_RX | PL011_INT_RT);     /* the level follows the FIFO */
    assert_true(pl011_irq_level(&u));
    assert_int_equal(pl011_read(&u, PL011_DR, 4), 'l');
    assert_true(pl011_irq_level(&u));
    assert_int_equal(pl011_read(&u, PL011_DR, 4), 's');
    assert_false(pl011_irq_level(&u));
    assert_int_not_equal(pl011_read(&u, PL011_FR, 4) & PL011_FR_RXFE, 0);
    assert_int_equal(pl011_read(&u, PL011_DR, 4), 0);       /* an empty FIFO reads 0 */

    /* TX: set by each write to DR (the FIFO drained), cleared by ICR. */
    pl011_write(&u, PL011_IMSC, 4, PL011_INT_RX | PL011_INT_RT | PL011_INT_TX);
    assert_false(pl011_irq_level(&u));
    pl011_write(&u, PL011_DR, 4, 'x');
    assert_true(pl011_irq_level(&u));
    assert_int_equal(pl011_read(&u, PL011_MIS, 4), PL011_INT_TX);
    pl011_write(&u, PL011_ICR, 4, PL011_INT_TX);
    assert_false(pl011_irq_level(&u));
    pl011_write(&u, PL011_DR, 4, 'y');
    pl011_write(&u, PL011_IMSC, 4, PL011_INT_RX);           /* Linux's stop_tx */
    assert_false(pl011_irq_level(&u));
}

static void pl011_full_fifo_drops_and_counts(void **state)
{
    (void)state;
    struct pl011 u;
    uint8_t input[PL011_RX_FIFO + 5];
    for (unsigned i = 0; i < sizeof(input); i++)
        input[i] = (uint8_t)('a' + i % 26);
    pl011_init(&u, capture, NULL);
    assert_int_equal(pl011_receive(&u, input, sizeof(input)), PL011_RX_FIFO);
    assert_int_equal(u.rx_dropped, 5);
    assert_int_not_equal(pl011_read(&u, PL011_FR, 4) & PL011_FR_RXFF, 0);
    for (unsigned i = 0; i < PL011_RX_FIFO; i++)
        assert_int_equal(pl011_read(&u, PL011_DR, 4), input[i]);
    assert_int_not_equal(pl011_read(&u, PL011_FR, 4) & PL011_FR_RXFE, 0);
    /* The ring wraps. */
    assert_int_equal(pl011_receive(&u, (const uint8_t *)"xyz", 3), 3);
    assert_int_equal(pl011_read(&u, PL011_DR, 4), 'x');
    assert_int_equal(pl011_read(&u, PL011_DR, 4), 'y');
    assert_int_equal(pl011_read(&u, PL011_DR, 4), 'z');
}

/* ---- MMIO decoding and routing ------------------------------------------ */

#define GICD 0x08000000u
#define UART 0x09000000u

static uint32_t hsr_of(int write, unsigned sas, int sse, unsigned srt)
{
    return 0x24u << 26 | 1u << 25 | HSR_ISV | sas << 22 | (sse ? HSR_SSE : 0) | srt << 16 |
           (write ? HSR_WNR : 0);
}

static void mmio_decodes_the_syndrome(void **state)
{
    (void)state;
    struct mmio_access a = mmio_decode(hsr_of(1, 2, 0, 3), GICD + 0x104, 0x2);
    assert_true(a.write);
    assert_int_equal(a.size, 4);
    assert_int_equal(a.reg, 3);
    assert_false(a.sign_extend);
    assert_int_equal(a.ipa, GICD + 0x104);
    assert_int_equal(a.value, 2);
    a = mmio_decode(hsr_of(0, 0, 1, 12), UART + 0x18, 0);
    assert_false(a.write);
    assert_int_equal(a.size, 1);
    assert_int_equal(a.reg, 12);
    assert_true(a.sign_extend);
    a = mmio_decode(hsr_of(0, 1, 0, 0), UART, 0);
    assert_int_equal(a.size, 2);
}

static void guest_access(struct vm_devices *d, int write, unsigned sas, uintptr_t ipa, uint32_t value,
                   uint32_t *read, bool expect_device)
{
    struct mmio_access a = mmio_decode(hsr_of(write, sas, 0, 0), ipa, value);
    uint32_t v = 0xdeadbeef;
    assert_int_equal(devices_access(d, &a, &v), expect_device);
    if (read != NULL)
        *read = v;
}

static void devices_route_and_refuse(void **state)
{
    (void)state;
    struct vm_devices d;
    uint32_t v;
    devices_init(&d, GICD, UART, 33, capture, NULL);
    guest_access(&d, 0, 2, GICD + GICD_TYPER, 0, &v, true);
    assert_int_equal(v, 2);
    guest_access(&d, 1, 0, GICD + 0x821, 1, NULL, true);
    guest_access(&d, 0, 0, GICD + 0x821, 0, &v, true);
    assert_int_equal(v, 1);
    guest_access(&d, 0, 2, UART + 0xfe0, 0, &v, true);
    assert_int_equal(v, 0x11);
    guest_access(&d, 1, 2, UART + PL011_DR, 'A', NULL, true);
    assert_int_equal(sent_len, 1);
    assert_int_equal(sent[0], 'A');
    /* Outside both pages: refused, and a read says 0. */
    guest_access(&d, 0, 2, GICD + 0x1000, 0, &v, false);
    assert_int_equal(v, 0);
    guest_access(&d, 0, 2, UART - 4, 0, &v, false);
    guest_access(&d, 1, 2, UART + 0x1000, 0, NULL, false);
    guest_access(&d, 0, 2, 0x3fffffff, 0, NULL, false);
    assert_int_equal(sent_len, 1);

    /* Without an emulated UART, its page is nothing. */
    devices_init(&d, GICD, 0, 33, capture, NULL);
    guest_access(&d, 0, 2, UART + PL011_FR, 0, NULL, false);
    guest_access(&d, 0, 2, 0x0, 0, NULL, false);
}

static void devices_inject_the_uart_once_the_guest_is_ready(void **state)
{
    (void)state;
    struct vm_devices d;
    unsigned out[4];
    devices_init(&d, GICD, UART, 33, capture, NULL);
    /* Input before the driver set IMSC: no line, nothing pending. */
    pl011_receive(&d.uart, (const uint8_t *)"a", 1);
    assert_int_equal(devices_interrupts(&d, out, 4), 0);
    /* The driver unmasks RX; the GIC has not enabled INTID 33 yet: held. */
    guest_access(&d, 1, 2, UART + PL011_IMSC, PL011_INT_RX | PL011_INT_RT, NULL, true);
    assert_int_equal(devices_interrupts(&d, out, 4), 0);
    guest_access(&d, 1, 2, GICD + GICD_CTLR, 1, NULL, true);
    guest_access(&d, 1, 2, GICD + GICD_ISENABLER + 4, 0x2, NULL, true);
    assert_int_equal(devices_interrupts(&d, out, 4), 1);
    assert_int_equal(out[0], 33);
    /* Still high after an access that leaves it so: injected again. */
    uint32_t v;
    guest_access(&d, 0, 2, UART + PL011_MIS, 0, &v, true);
    assert_int_equal(v, PL011_INT_RX | PL011_INT_RT);
    assert_int_equal(devices_interrupts(&d, out, 4), 1);
    guest_access(&d, 0, 2, UART + PL011_DR, 0, &v, true);
    assert_int_equal(v, 'a');
    assert_int_equal(devices_interrupts(&d, out, 4), 0);    /* the line fell */
    /* Masked at the GIC: remembered until enabled again. */
    guest_access(&d, 1, 2, GICD + GICD_ICENABLER + 4, 0x2, NULL, true);
    pl011_receive(&d.uart, (const uint8_t *)"b", 1);
    assert_int_equal(devices_interrupts(&d, out, 4), 0);
    guest_access(&d, 1, 2, GICD + GICD_ISENABLER + 4, 0x2, NULL, true);
    assert_int_equal(devices_interrupts(&d, out, 4), 1);
    assert_int_equal(out[0], 33);
}

/* ---- the loader --------------------------------------------------------- */

#define RAM_IPA 0x40000000u
#define RAM_SIZE 0x10000u

static const uint8_t kernel_image[] = { 1, 2, 3, 4, 5 };
static const uint8_t initrd_image[] = { 6, 7, 8 };
static const uint8_t dtb_image[] = { 0xd0, 0x0d, 0xfe, 0xed };

static struct tessera_vm_config vm_with(uint8_t *ram, uintptr_t kernel, uintptr_t initrd, uintptr_t dtb)
{
    return (struct tessera_vm_config){
        .name = "vm0", .ram_ipa = RAM_IPA, .ram_size = RAM_SIZE, .ram = ram,
        .kernel = { kernel_image, sizeof(kernel_image), kernel },
        .initrd = { initrd_image, sizeof(initrd_image), initrd },
        .dtb = { dtb_image, sizeof(dtb_image), dtb },
    };
}

static void loader_copies_each_image_and_nothing_else(void **state)
{
    (void)state;
    uint8_t *ram = malloc(RAM_SIZE);
    char why[160] = "";
    memset(ram, 0xaa, RAM_SIZE);
    struct tessera_vm_config vm = vm_with(ram, RAM_IPA + 0x100, RAM_IPA + 0x8000, RAM_IPA + RAM_SIZE - 4);
    assert_int_equal(loader_load(&vm, why, sizeof(why)), 0);
    assert_memory_equal(ram + 0x100, kernel_image, sizeof(kernel_image));
    assert_memory_equal(ram + 0x8000, initrd_image, sizeof(initrd_image));
    assert_memory_equal(ram + RAM_SIZE - 4, dtb_image, sizeof(dtb_image));
    assert_int_equal(ram[0xff], 0xaa);
    assert_int_equal(ram[0x105], 0xaa);
    assert_int_equal(ram[0x8003], 0xaa);
    assert_int_equal(ram[0], 0xaa);
    /* No initrd: it is skipped. */
    vm.initrd.size = 0;
    vm.initrd.ipa = 0;
    assert_int_equal(loader_load(&vm, why, sizeof(why)), 0);
    free(ram);
}

static void loader_refuses_what_does_not_fit(void **state)
{
    (void)state;
    uint8_t *ram = malloc(RAM_SIZE);
    char why[160];
    memset(ram, 0xaa, RAM_SIZE);
    struct tessera_vm_config vm = vm_with(ram, RAM_IPA, RAM_IPA + 0x1000, RAM_IPA + RAM_SIZE - 3);
    assert_int_equal(loader_load(&vm, why, sizeof(why)), -1);
    assert_string_equal(why, "the DTB (4 bytes at IPA 0x4000fffd) does not fit in guest RAM "
                             "[0x40000000, 0x40010000)");
    assert_int_equal(ram[0], 0xaa);                         /* nothing copied */

    vm = vm_with(ram, RAM_IPA - 1, RAM_IPA + 0x1000, RAM_IPA + 0x2000);
    assert_int_equal(loader_load(&vm, why, sizeof(why)), -1);
    assert_non_null(strstr(why, "the kernel (5 bytes at IPA 0x3fffffff) does not fit"));

    vm = vm_with(ram, RAM_IPA, RAM_IPA + 4, RAM_IPA + 0x2000);      /* kernel ends at +5 */
    assert_int_equal(loader_load(&vm, why, sizeof(why)), -1);
    assert_string_equal(why, "the kernel and the initrd overlap in guest RAM");

    vm = vm_with(ram, RAM_IPA, RAM_IPA + 0x1000, RAM_IPA + 0x1002);
    assert_int_equal(loader_load(&vm, why, sizeof(why)), -1);
    assert_string_equal(why, "the initrd and the DTB overlap in guest RAM");

    vm = vm_with(ram, RAM_IPA, RAM_IPA + 5, RAM_IPA + 8);           /* touching is fine */
    assert_int_equal(loader_load(&vm, why, sizeof(why)), 0);

    vm = vm_with(ram, RAM_IPA, RAM_IPA + 0x1000, RAM_IPA + 0x2000);
    vm.kernel.size = 0;
    assert_int_equal(loader_load(&vm, why, sizeof(why)), -1);
    assert_string_equal(why, "no kernel image");
    free(ram);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(gicd_identification),
        cmocka_unit_test(gicd_ctlr_and_reserved),
        cmocka_unit_test(gicd_priority_word_and_byte),
        cmocka_unit_test(gicd_targets),
        cmocka_unit_test(gicd_config),
        cmocka_unit_test(gicd_enable_set_clear_word_and_byte),
        cmocka_unit_test(gicd_injects_only_what_the_guest_enabled),
        cmocka_unit_test(psci_answers_linux_probe),
        cmocka_unit_test(psci_refuses_everything_else),
        cmocka_unit_test_setup(pl011_identity_and_flags, reset_capture),
        cmocka_unit_test_setup(pl011_output, reset_capture),
        cmocka_unit_test_setup(pl011_receive_and_interrupt_levels, reset_capture),
        cmocka_unit_test_setup(pl011_full_fifo_drops_and_counts, reset_capture),
        cmocka_unit_test(mmio_decodes_the_syndrome),
        cmocka_unit_test_setup(devices_route_and_refuse, reset_capture),
        cmocka_unit_test_setup(devices_inject_the_uart_once_the_guest_is_ready, reset_capture),
        cmocka_unit_test(loader_copies_each_image_and_nothing_else),
        cmocka_unit_test(loader_refuses_what_does_not_fit),
    };
    return cmocka_run_group_tests_name("vmm", tests, NULL, NULL);
}
