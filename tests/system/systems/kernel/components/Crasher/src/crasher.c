// SPDX-License-Identifier: BSD-2-Clause
/* Faults three ways; its fault handler (the runner) resumes it twice and then
 * leaves it stopped. */
#include <stdint.h>
#include <stdio.h>
#include <camkes.h>

int run(void)
{
    printf("crasher: data abort\n");
    (void)*(volatile uint32_t *)0x00300000;      /* the handler resumes after it */
    printf("crasher: resumed after the data abort\n");
    long r = tessera_syscall1(0x7fff, 0);           /* unknown: a fault, answered with r0 = 42 */
    printf("crasher: unknown call returned %ld\n", r);
    __asm__ volatile(".inst 0xe7f000f0");           /* the handler leaves it stopped */
    printf("crasher: must not get here\n");
    return 0;
}
