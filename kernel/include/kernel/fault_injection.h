/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * Test-only fault injection (CMake option TESSERA_FAULT_INJECTION): proves that
 * an exception in the kernel itself is reported and stops the system.
 */
#ifndef KERNEL_FAULT_INJECTION_H
#define KERNEL_FAULT_INJECTION_H

/* Take a data abort in the kernel. Called from kernel_main() after the banner. */
void fault_injection_boot(void);

#endif
