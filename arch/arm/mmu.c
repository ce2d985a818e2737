// SPDX-License-Identifier: BSD-2-Clause
/*
 * The kernel's own translation (the Hyp regime, HTTBR): an identity map of the
 * board's memory map in 2 MiB blocks, RAM as Normal write-back memory and
 * device regions as Device memory, everything else unmapped so that a wild
 * kernel pointer faults instead of corrupting a device.
 */
#include <stdint.h>
#include <arch/cpu.h>
#include <arch/drivers.h>
#include <board_config.h>

#define ATTR_NORMAL 0u                  /* HMAIR0 attr0: Normal, inner/outer WBWA */
#define ATTR_DEVICE 1u                  /* HMAIR0 attr1: Device */
#define HMAIR0_VALUE 0x000004ffu
#define HTCR_VALUE   0x80003500u        /* T0SZ = 0, inner-shareable WBWA walks */

#define DESC_BLOCK  1ull
#define DESC_TABLE  3ull
#define DESC_AP1    (1ull << 6)
#define DESC_SH_IS  (3ull << 8)
#define DESC_AF     (1ull << 10)
#define DESC_XN     (1ull << 54)

#define HSCTLR_M (1u << 0)
#define HSCTLR_C (1u << 2)
#define HSCTLR_I (1u << 12)

struct mem_region {
    uint32_t base;
    uint32_t size;
    uint32_t device;
};

static const struct mem_region board_regions[] = BOARD_MEMORY_MAP;

static uint64_t hyp_l1[4] __attribute__((aligned(32)));
static uint64_t hyp_l2[4][512] __attribute__((aligned(4096)));

static uint64_t block_for(uint32_t addr)
{
    for (unsigned i = 0; i < sizeof(board_regions) / sizeof(board_regions[0]); i++) {
        const struct mem_region *r = &board_regions[i];
        if (addr - r->base >= r->size)
            continue;
        if (r->device)
            return addr | DESC_BLOCK | (ATTR_DEVICE << 2) | DESC_AP1 | DESC_AF | DESC_XN;
        return addr | DESC_BLOCK | (ATTR_NORMAL << 2) | DESC_AP1 | DESC_SH_IS | DESC_AF;
    }
    return 0;
}

void mmu_init(void)
{
    for (unsigned gib = 0; gib < 4; gib++) {
        for (unsigned j = 0; j < 512; j++)
            hyp_l2[gib][j] = block_for((gib << 30) | (j << 21));
        hyp_l1[gib] = (uintptr_t)hyp_l2[gib] | DESC_TABLE;
    }
    dsb();
    arm_dcache_invalidate_all();
    write_hmair0(HMAIR0_VALUE);
    write_htcr(HTCR_VALUE);
    write_httbr((uintptr_t)hyp_l1);
    isb();
    tlbi_all_hyp();
    CP15_WRITE(0, c7, c5, 0, 0);        /* ICIALLU */
    dsb();
    isb();
    write_hsctlr(read_hsctlr() | HSCTLR_M | HSCTLR_C | HSCTLR_I);
    isb();
}
