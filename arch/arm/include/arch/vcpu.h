/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * The vCPU inside arch/arm (vcpu.c): the world switch, the guest's traps and
 * the interrupts that belong to it. The generic kernel's side is in <arch.h>.
 */
#ifndef ARCH_VCPU_H
#define ARCH_VCPU_H

#include <stdint.h>

/* Set the hardware up for the guest (1) or for native threads (0). */
void arm_vcpu_switch(int to_guest);

/* 1 while the hardware is set up for the guest (the world arm_vcpu_switch()
 * last chose). */
extern uint8_t arm_hw_guest;

/* A trap from the guest (HSR as read on entry): handled, or sent to the VMM. */
_Noreturn void arm_vcpu_trap(uint32_t hsr);

/* The GIC's maintenance interrupt: list registers the guest has EOIed. */
void arm_vcpu_maintenance(void);

/* Clean the whole data cache to the point of coherency (cache.S). */
void arm_dcache_clean_all(void);

#endif
