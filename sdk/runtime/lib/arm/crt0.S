/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * Component entry. The kernel starts each thread here with its stack set and
 * r0 = the thread's argument; the loader has already copied .data and zeroed
 * .bss, so there is nothing to relocate.
 */
        .syntax unified
        .arm
        .section .text.start, "ax"
        .global _start
_start:
        mov     fp, #0
        mov     lr, #0
        bl      __tessera_start
        b       .
