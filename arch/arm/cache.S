/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * Data-cache maintenance by set/way over every level CLIDR reports: invalidation,
 * needed once at boot on hardware before the caches are switched on (their
 * contents are UNKNOWN after reset), and clean-and-invalidate, before a guest
 * starts with its caches off. QEMU models no caches; this is for real boards.
 */
        .syntax unified
        .arm
        .text
/* Clean and invalidate: for memory that another observer (a guest with its
 * caches off) is to read. Same walk, DCCISW instead of DCISW. */
        .global arm_dcache_clean_all
arm_dcache_clean_all:
        push    {r4-r10}
        mov     r10, #1
        b       walk

        .global arm_dcache_invalidate_all
arm_dcache_invalidate_all:
        push    {r4-r10}
        mov     r10, #0
walk:
        mrc     p15, 1, r0, c0, c0, 1           @ CLIDR
        ubfx    r1, r0, #24, #3                 @ LoC
        mov     r2, #0                          @ level << 1
level:
        cmp     r2, r1, lsl #1
        bge     done
        add     r3, r2, r2, lsr #1              @ 3 * level
        lsr     r4, r0, r3
        and     r4, r4, #7                      @ cache type at this level
        cmp     r4, #2                          @ data or unified?
        blt     next_level
        mcr     p15, 2, r2, c0, c0, 0           @ CSSELR = level, data
        isb
        mrc     p15, 1, r4, c0, c0, 0           @ CCSIDR
        and     r5, r4, #7
        add     r5, r5, #4                      @ log2(line bytes)
        ubfx    r6, r4, #3, #10                 @ ways - 1
        ubfx    r7, r4, #13, #15                @ sets - 1
        clz     r8, r6                          @ way shift
way:
        mov     r9, r7
set:
        lsl     r3, r6, r8
        orr     r3, r3, r2
        orr     r3, r3, r9, lsl r5
        cmp     r10, #0
        mcreq   p15, 0, r3, c7, c6, 2           @ DCISW
        mcrne   p15, 0, r3, c7, c14, 2          @ DCCISW
        subs    r9, r9, #1
        bge     set
        subs    r6, r6, #1
        bge     way
next_level:
        add     r2, r2, #2
        b       level
done:
        dsb
        isb
        pop     {r4-r10}
        bx      lr
