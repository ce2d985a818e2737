/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * Component entry on x86_64. The kernel starts each thread here with its stack
 * set, rdi = the thread's argument and rsi = its IPC buffer's address, which
 * are __tessera_start's two arguments already; the loader has copied .data and
 * zeroed .bss, so there is nothing to relocate.
 */
        .section .text.start, "ax"
        .global _start
_start:
        xorl    %ebp, %ebp                      /* the end of the frame chain */
        andq    $-16, %rsp                      /* the ABI's alignment at a call */
        call    __tessera_start
        ud2

        .section .note.GNU-stack, "", @progbits
