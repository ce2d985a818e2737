/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * Entry of the VM-exit benchmark guest: a bare-metal PL1 program that a VMM
 * boots like a Linux zImage (SVC mode, MMU and caches off, r2 = the DTB). It
 * sets a stack and its vectors and calls bench_main(); IRQs go to bench_irq().
 */
        .syntax unified
        .arm
        .section .text.start, "ax"
        .global _start
_start:
        ldr     sp, =stack_top
        ldr     r0, =vectors
        mcr     p15, 0, r0, c12, c0, 0          @ VBAR
        isb
        bl      bench_main
1:      wfi
        b       1b

        .align  5
vectors:
        b       .                               @ reset
        b       .                               @ undefined
        b       .                               @ svc
        b       .                               @ prefetch abort
        b       .                               @ data abort
        b       .                               @ (hyp)
        b       irq_entry                       @ irq
        b       .                               @ fiq

irq_entry:
        sub     lr, lr, #4
        srsdb   sp!, #0x13                      @ return state on the SVC stack
        cps     #0x13
        push    {r0-r3, r12, lr}
        bl      bench_irq
        pop     {r0-r3, r12, lr}
        rfeia   sp!

        .bss
        .align  3
        .space  8192
stack_top:
