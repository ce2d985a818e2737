// SPDX-License-Identifier: BSD-2-Clause
/*
 * Test-only: compiled into the kernel only with -DTESSERA_FAULT_INJECTION=ON.
 * Reads an address outside every board's memory map, so the kernel's own
 * translation faults and the kernel-exception report must appear.
 */
#include <stdint.h>
#include <kernel/console.h>
#include <kernel/fault_injection.h>

#define UNMAPPED_ADDRESS 0xf0000000u

void fault_injection_boot(void)
{
    kprintf("fault injection: the kernel reads unmapped address 0x%08x\n", UNMAPPED_ADDRESS);
    (void)*(volatile uint32_t *)UNMAPPED_ADDRESS;
}
