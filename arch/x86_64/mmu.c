// SPDX-License-Identifier: BSD-2-Clause
/*
 * The kernel's own page tables: PML4 entry 511, shared by every address space
 * and supervisor-only. Its PDPT maps the RAM window (physical [0, 1 GiB) at
 * KERNEL_BASE, where the kernel image is linked) and the device window
 * (physical [3 GiB, 4 GiB) at DEVICE_WINDOW), both in 2 MiB pages built from
 * the board's memory map: RAM write-back, devices uncached and never
 * executable, everything else unmapped so that a wild kernel pointer faults.
 * Kernel pages are global, so switching address spaces keeps them in the TLB.
 *
 * The CPU features the kernel uses when it has them: NX (EFER.NXE), SMEP and
 * SMAP (the kernel never executes or touches user pages: it reaches component
 * memory through its own window), UMIP, and PCIDs. QEMU's TCG has no PCIDs
 * (docs/platform.md, "x86_64 PC"): without them every address-space switch reloads CR3,
 * which flushes only the user half's translations. One it needs: FSGSBASE,
 * for the TLS base.
 */
#include <stdint.h>
#include <arch/cpu.h>
#include <arch/drivers.h>
#include <board_config.h>
#include <kernel/console.h>
#include <tessera/abi.h>

#define PTE_P       (1ull << 0)
#define PTE_W       (1ull << 1)
#define PTE_PWT     (1ull << 3)
#define PTE_PCD     (1ull << 4)
#define PTE_PS      (1ull << 7)
#define PTE_G       (1ull << 8)

#define BLOCK       0x200000u

struct mem_region {
    uint32_t base;
    uint32_t size;
    uint32_t device;
};

static const struct mem_region board_regions[] = BOARD_MEMORY_MAP;

static uint64_t kernel_pml4[512] __attribute__((aligned(4096)));
static uint64_t kernel_pdpt[512] __attribute__((aligned(4096)));
static uint64_t ram_pd[512] __attribute__((aligned(4096)));
static uint64_t device_pd[512] __attribute__((aligned(4096)));
static uint64_t nx_bit;
static int pcid;

static const struct mem_region *region_of(uint64_t pa)
{
    for (unsigned i = 0; i < sizeof(board_regions) / sizeof(board_regions[0]); i++) {
        if (pa - board_regions[i].base < board_regions[i].size)
            return &board_regions[i];
    }
    return NULL;
}

static uint64_t block_for(uint64_t pa)
{
    const struct mem_region *r = region_of(pa);

    if (r == NULL)
        return 0;
    if (r->device)
        return pa | PTE_P | PTE_W | PTE_PS | PTE_G | PTE_PWT | PTE_PCD | nx_bit;
    return pa | PTE_P | PTE_W | PTE_PS | PTE_G;
}

/* Every region of the board must fall in one of the two windows. */
static void check_board_map(void)
{
    for (unsigned i = 0; i < sizeof(board_regions) / sizeof(board_regions[0]); i++) {
        uint64_t base = board_regions[i].base, end = base + board_regions[i].size;
        if (base % BLOCK != 0 || end % BLOCK != 0 ||
            !(end <= RAM_WINDOW_SIZE || base >= DEVICE_WINDOW_PHYS))
            panic(EXIT_KERNEL_PANIC, "board memory region 0x%08lx+0x%x is not 2 MiB aligned in "
                  "[0, 1 GiB) or [3 GiB, 4 GiB)", (unsigned long)base, (unsigned)board_regions[i].size);
    }
}

static void enable_features(void)
{
    struct cpuid ext = cpuid(0x80000001, 0), basic = cpuid(1, 0), leaf7 = cpuid(7, 0);
    uint64_t cr4 = CR_READ(4) | CR4_PGE;

    if (ext.edx & (1u << 20)) {
        wrmsr(MSR_EFER, rdmsr(MSR_EFER) | EFER_NXE);
        nx_bit = 1ull << 63;
    }
    if (leaf7.ebx & (1u << 7))
        cr4 |= CR4_SMEP;
    if (leaf7.ebx & (1u << 20))
        cr4 |= CR4_SMAP;
    if (leaf7.ecx & (1u << 2))
        cr4 |= CR4_UMIP;
    /* Every return to user mode loads the thread's TLS base with WRFSBASE
     * (Ivy Bridge and later; QEMU's TCG with -cpu max). */
    if (!(leaf7.ebx & (1u << 0)))
        panic(EXIT_KERNEL_PANIC, "this CPU has no WRFSBASE (CPUID.7.0:EBX[0]); run QEMU with -cpu max");
    cr4 |= CR4_FSGSBASE;
    /* reply_recv's fast path tests the run-queue bitmap with SHRX (BMI2:
     * Haswell and later; QEMU's TCG with -cpu max). */
    if (!(leaf7.ebx & (1u << 8)))
        panic(EXIT_KERNEL_PANIC, "this CPU has no BMI2 (CPUID.7.0:EBX[8]); run QEMU with -cpu max");
    CR_WRITE(4, cr4);
    CR_WRITE(0, CR_READ(0) | CR0_WP);   /* read-only pages are read-only for the kernel too */
    pcid = (basic.ecx & (1u << 17)) != 0;
}

void mmu_init(void)
{
    check_board_map();
    enable_features();
    for (unsigned i = 0; i < 512; i++) {
        ram_pd[i] = block_for((uint64_t)i * BLOCK);
        device_pd[i] = block_for(DEVICE_WINDOW_PHYS + (uint64_t)i * BLOCK);
    }
    kernel_pdpt[510] = kernel_to_phys(ram_pd) | PTE_P | PTE_W;
    kernel_pdpt[511] = kernel_to_phys(device_pd) | PTE_P | PTE_W;
    kernel_pml4[511] = kernel_to_phys(kernel_pdpt) | PTE_P | PTE_W;
    CR_WRITE(3, kernel_to_phys(kernel_pml4));   /* drops the boot identity map */
    if (pcid)
        CR_WRITE(4, CR_READ(4) | CR4_PCIDE);    /* needs CR3's PCID = 0, as now */
}

uint64_t mmu_kernel_pml4e(void)
{
    return kernel_pml4[511];
}

uint64_t mmu_nx_bit(void)
{
    return nx_bit;
}

int mmu_has_pcid(void)
{
    return pcid;
}
