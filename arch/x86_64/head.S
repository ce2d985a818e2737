/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * x86_64 entry. QEMU's -kernel loads this ELF64 at its physical addresses and,
 * finding the PVH note below (XEN_ELFNOTE_PHYS32_ENTRY), enters pvh_entry in
 * 32-bit protected mode with paging off (docs/platform.md, "x86_64 PC"). The
 * code here builds the first page tables (the low 1 GiB identity-mapped and
 * also at KERNEL_BASE), enters long mode, jumps to the kernel's own addresses
 * in the top 2 GiB, clears .bss and calls kernel_main(). mmu_init() replaces
 * these tables with the kernel's real ones.
 */
#include <arch/layout.h>

#define PTE_P   0x001
#define PTE_W   0x002
#define PTE_PS  0x080
#define CR0_PE  0x00000001
#define CR0_PG  0x80000000
#define CR4_PAE 0x00000020
#define EFER_LME 0x00000100

        .section .note.Xen, "a"
        .p2align 2
        .long   4                               /* name size: "Xen\0" */
        .long   4                               /* descriptor size */
        .long   18                              /* XEN_ELFNOTE_PHYS32_ENTRY */
        .asciz  "Xen"
        .long   pvh_entry

        .section .text.boot, "ax"
        .code32
        .global pvh_entry
pvh_entry:                                      /* ebx = hvm_start_info (unused) */
        cli
        cld
        movl    $boot_tables, %edi              /* four zeroed pages */
        movl    $(4 * 4096 / 4), %ecx
        xorl    %eax, %eax
        rep stosl
        movl    $(boot_pdpt_low + PTE_P + PTE_W), boot_pml4
        movl    $(boot_pdpt_high + PTE_P + PTE_W), boot_pml4 + 511 * 8
        movl    $(boot_pd + PTE_P + PTE_W), boot_pdpt_low
        movl    $(boot_pd + PTE_P + PTE_W), boot_pdpt_high + 510 * 8
        movl    $boot_pd, %edi                  /* 512 x 2 MiB: physical [0, 1 GiB) */
        movl    $(PTE_P + PTE_W + PTE_PS), %eax
        movl    $512, %ecx
1:      movl    %eax, (%edi)
        addl    $0x200000, %eax
        addl    $8, %edi
        loop    1b

        movl    %cr4, %eax
        orl     $CR4_PAE, %eax
        movl    %eax, %cr4
        movl    $boot_pml4, %eax
        movl    %eax, %cr3
        movl    $0xc0000080, %ecx               /* EFER */
        rdmsr
        orl     $EFER_LME, %eax
        wrmsr
        movl    %cr0, %eax
        orl     $(CR0_PG + CR0_PE), %eax
        movl    %eax, %cr0                      /* long mode, 32-bit compatibility code */
        lgdt    boot_gdt_pointer
        ljmp    $KERNEL_CS, $long_mode

        .code64
long_mode:
        movabsq $kernel_entry, %rax             /* from the identity map to the kernel's addresses */
        jmp     *%rax

        .p2align 3
boot_gdt:
        .quad   0
        .quad   0x00af9a000000ffff              /* KERNEL_CS: 64-bit code, ring 0 */
        .quad   0x00cf92000000ffff              /* KERNEL_DS: data, ring 0 */
boot_gdt_pointer:
        .word   3 * 8 - 1
        .long   boot_gdt

        .section .bss.boot, "aw", @nobits
        .p2align 12
boot_tables:
boot_pml4:      .skip 4096
boot_pdpt_low:  .skip 4096
boot_pdpt_high: .skip 4096
boot_pd:        .skip 4096

        .text
kernel_entry:
        movq    $kernel_stack_top, %rsp
        xorl    %ebp, %ebp
        movl    $KERNEL_DS, %eax
        movl    %eax, %ds
        movl    %eax, %es
        movl    %eax, %ss
        movq    $__bss_start, %rdi
        movq    $__bss_end, %rcx
        subq    %rdi, %rcx
        shrq    $3, %rcx
        xorl    %eax, %eax
        rep stosq
        call    kernel_main
1:      hlt
        jmp     1b

        .section .note.GNU-stack, "", @progbits
