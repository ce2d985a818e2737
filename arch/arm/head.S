/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * ARMv7-A entry. Every boot path lands here: QEMU virt's ELF boot enters in Hyp,
 * the raspi2b ELF boot enters all four cores in Secure SVC, U-Boot and the real
 * Raspberry Pi firmware enter in Hyp. Core 0 continues; the others are parked.
 * From Secure SVC the kernel reaches Non-secure Hyp itself through Monitor
 * mode (SCR.NS|FW|AW|HCE). Then it clears .bss and calls kernel_main().
 */
        .syntax unified
        .arch_extension virt
        .arch_extension sec
        .section .text.boot, "ax"
        .arm
        .global _start
_start:
        cpsid   aif
        mrc     p15, 0, r0, c0, c0, 5           @ MPIDR
        ands    r0, r0, #0xff                   @ Aff0: the core number
        bne     park
        ldr     sp, =kernel_stack_top
        mrs     r0, cpsr
        and     r0, r0, #0x1f
        cmp     r0, #0x1a                       @ Hyp already
        beq     hyp_entry
        cmp     r0, #0x13                       @ SVC: Secure or not?
        bne     bad_entry
        ldr     r1, =early_vectors              @ reading SCR in Non-secure state UNDEFs
        mcr     p15, 0, r1, c12, c0, 0          @ VBAR
        isb
        mrc     p15, 0, r1, c1, c1, 0           @ SCR
        ldr     r1, =0x00000c00                 @ NSACR: CP10/CP11 usable from Non-secure
        mcr     p15, 0, r1, c1, c1, 2
        cps     #0x16                           @ Monitor
        ldr     r1, =0x131                      @ SCR: NS | FW | AW | HCE
        mcr     p15, 0, r1, c1, c1, 0
        isb
        mov     r1, #0x1da                      @ Hyp, A/I/F masked
        msr     spsr_cxsf, r1
        adr     lr, hyp_entry
        movs    pc, lr

hyp_entry:
        ldr     sp, =kernel_stack_top
        ldr     r0, =__bss_start
        ldr     r1, =__bss_end
        mov     r2, #0
1:      cmp     r0, r1
        strlo   r2, [r0], #4
        blo     1b
        bl      kernel_main
        b       .

bad_entry:                                      @ a mode other than Hyp or SVC
        mrs     r0, cpsr
report_entry:
        ldr     sp, =kernel_stack_top
        bl      arm_bad_entry
        b       .
ns_svc_entry:                                   @ the SCR read UNDEFined: Non-secure SVC
        mrs     r0, spsr                        @ the mode we were entered in
        b       report_entry

park:
        wfe
        b       park

        .align  5
early_vectors:
        b       .
        b       ns_svc_entry                    @ undefined instruction: SCR read in Non-secure
        b       .
        b       .
        b       .
        b       .
        b       .
        b       .
