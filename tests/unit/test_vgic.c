// SPDX-License-Identifier: BSD-2-Clause
/*
 * arch/arm/vgic.c against a model of the GICv2 list registers (4 of them, as
 * QEMU has): injection, coalescing, the overflow and its refill on underflow,
 * forwarded physical interrupts masked until the guest's EOI, and reset.
 * The model: ELSR has a bit per list register whose state is invalid; EISR a
 * bit per one that is invalid with its EOI bit still set (the guest EOIed
 * it); a guest "EOI" clears the state bits and keeps the rest.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>
#include <cmocka.h>
#include <arch/vgic.h>

#define NLR 4

static uint32_t lr[NLR];
static uint32_t hcr;
static int masked[1024];                /* irqc_disable()d and not re-enabled */
static unsigned enables, disables;

uint32_t vgic_reg_read(unsigned off)
{
    uint32_t bits = 0;

    if (off >= (unsigned)GICH_LR(0) && off < (unsigned)GICH_LR(NLR))
        return lr[(off - GICH_LR(0)) / 4];
    switch (off) {
    case GICH_HCR:
        return hcr;
    case GICH_ELSR0:
        for (unsigned i = 0; i < NLR; i++)
            bits |= (lr[i] & LR_STATE) == 0 ? 1u << i : 0;
        return bits;
    case GICH_EISR0:
        for (unsigned i = 0; i < NLR; i++)
            bits |= (lr[i] & LR_STATE) == 0 && (lr[i] & LR_EOI) ? 1u << i : 0;
        return bits;
    default:
        return 0;
    }
}

void vgic_reg_write(unsigned off, uint32_t v)
{
    if (off >= (unsigned)GICH_LR(0) && off < (unsigned)GICH_LR(NLR))
        lr[(off - GICH_LR(0)) / 4] = v;
    else if (off == GICH_HCR)
        hcr = v;
}

void irqc_enable(unsigned irq)
{
    masked[irq] = 0;
    enables++;
}

void irqc_disable(unsigned irq)
{
    masked[irq] = 1;
    disables++;
}

static struct vgic v;

static int setup(void **state)
{
    (void)state;
    memset(lr, 0xff, sizeof(lr));       /* garbage until vgic_init */
    memset(masked, 0, sizeof(masked));
    hcr = 0;
    enables = disables = 0;
    memset(&v, 0, sizeof(v));
    v.lrs = NLR;
    v.live = 1;
    vgic_init(&v);
    return 0;
}

/* The guest takes and EOIs the interrupt in list register i. */
static void guest_eoi(unsigned i)
{
    lr[i] &= ~LR_STATE;
}

static int lr_of(unsigned virq)
{
    for (unsigned i = 0; i < NLR; i++) {
        if ((lr[i] & LR_STATE) && (lr[i] & LR_VIRQ) == virq)
            return (int)i;
    }
    return -1;
}

static void init_empties_every_list_register(void **state)
{
    (void)state;
    for (unsigned i = 0; i < NLR; i++)
        assert_int_equal(lr[i], 0);
    assert_int_equal(hcr, GICH_HCR_EN);
    assert_false(vgic_any_pending(&v));
}

static void a_put_is_pending_once(void **state)
{
    (void)state;
    vgic_put(&v, 33);
    vgic_put(&v, 33);
    int i = lr_of(33);
    assert_true(i >= 0);
    assert_int_equal(lr[i], 33u | LR_PRIORITY | LR_PENDING);
    assert_int_equal(lr_of(34), -1);
    unsigned used = 0;
    for (unsigned k = 0; k < NLR; k++)
        used += (lr[k] & LR_STATE) != 0;
    assert_int_equal(used, 1);
    assert_true(vgic_any_pending(&v));
}

static void an_active_interrupt_becomes_active_and_pending(void **state)
{
    (void)state;
    vgic_put(&v, 40);
    int i = lr_of(40);
    lr[i] = (lr[i] & ~LR_STATE) | LR_ACTIVE;   /* the guest acknowledged it */
    assert_false(vgic_any_pending(&v));
    vgic_put(&v, 40);
    assert_int_equal(lr[i] & LR_STATE, LR_ACTIVE | LR_PENDING);
    assert_true(vgic_any_pending(&v));
}

static void overflow_waits_for_underflow(void **state)
{
    (void)state;
    for (unsigned irq = 40; irq < 40 + NLR + 2; irq++)
        vgic_put(&v, irq);
    assert_int_equal(v.npending, 2);
    assert_int_equal(hcr, GICH_HCR_EN | GICH_HCR_UIE);     /* tell me when they drain */
    vgic_put(&v, 40 + NLR);                                 /* again: still one */
    assert_int_equal(v.npending, 2);

    guest_eoi((unsigned)lr_of(40));
    guest_eoi((unsigned)lr_of(41));
    vgic_maintenance(&v);                                   /* the underflow interrupt */
    assert_int_equal(v.npending, 0);
    assert_true(lr_of(40 + NLR) >= 0);
    assert_true(lr_of(41 + NLR) >= 0);
    assert_int_equal(hcr, GICH_HCR_EN);
}

static void a_forwarded_interrupt_is_masked_until_the_guest_eois_it(void **state)
{
    (void)state;
    vgic_forward(&v, 27);
    assert_true(masked[27]);
    int i = lr_of(27);
    assert_true(i >= 0);
    assert_true(lr[i] & LR_EOI);
    vgic_maintenance(&v);                                   /* not EOIed yet: nothing */
    assert_true(masked[27]);
    guest_eoi((unsigned)i);
    vgic_maintenance(&v);
    assert_false(masked[27]);
    assert_int_equal(lr[i], 0);
    assert_int_equal(enables, 1);
}

static void an_injected_interrupt_asks_for_no_maintenance(void **state)
{
    (void)state;
    vgic_put(&v, 33);
    assert_false(lr[lr_of(33)] & LR_EOI);
}

static void reset_unmasks_forwarded_interrupts(void **state)
{
    (void)state;
    vgic_forward(&v, 27);
    vgic_forward(&v, 34);
    for (unsigned irq = 50; irq < 50 + NLR; irq++)
        vgic_put(&v, irq);
    vgic_reset(&v);
    assert_false(masked[27]);
    assert_false(masked[34]);
    assert_int_equal(v.npending, 0);
    for (unsigned i = 0; i < NLR; i++)
        assert_int_equal(lr[i], 0);
    assert_false(vgic_any_pending(&v));
}

static void a_hidden_world_gets_no_hcr_write(void **state)
{
    (void)state;
    v.live = 0;                         /* a native thread runs: GICH_HCR stays off */
    hcr = 0;
    for (unsigned irq = 60; irq < 60 + NLR + 1; irq++)
        vgic_put(&v, irq);
    assert_int_equal(hcr, 0);
    assert_int_equal(v.hcr, GICH_HCR_EN | GICH_HCR_UIE);   /* what the next entry writes */
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup(init_empties_every_list_register, setup),
        cmocka_unit_test_setup(a_put_is_pending_once, setup),
        cmocka_unit_test_setup(an_active_interrupt_becomes_active_and_pending, setup),
        cmocka_unit_test_setup(overflow_waits_for_underflow, setup),
        cmocka_unit_test_setup(a_forwarded_interrupt_is_masked_until_the_guest_eois_it, setup),
        cmocka_unit_test_setup(an_injected_interrupt_asks_for_no_maintenance, setup),
        cmocka_unit_test_setup(reset_unmasks_forwarded_interrupts, setup),
        cmocka_unit_test_setup(a_hidden_world_gets_no_hcr_write, setup),
    };
    return cmocka_run_group_tests_name("vgic", tests, NULL, NULL);
}
