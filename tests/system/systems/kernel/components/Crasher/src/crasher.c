// SPDX-License-Identifier: BSD-2-Clause
/* Faults three ways; its fault handler (the runner) resumes it twice and then
 * leaves it stopped. */
#include <stdint.h>
#include <stdio.h>
#include <camkes.h>

#if defined(__arm__)
/* One load from an unmapped page, with the registers of a call the IPC fast
 * path would take (r7 = SYS_CALL, r0 = an endpoint with the server waiting,
 * r1 = a short message): it must still be a data abort (FAST0004). */
static void data_abort(void)
{
    register uint32_t r0 __asm__("r0") = CAP_e;
    register uint32_t r1 __asm__("r1") = MSG_INFO(1, 0);
    register uint32_t r7 __asm__("r7") = SYS_CALL;
    __asm__ volatile("ldr r2, [%0]" :: "r"(0x00300000u), "r"(r0), "r"(r1), "r"(r7) : "r2", "memory");
}
#else
static void data_abort(void)
{
    (void)*(volatile uint32_t *)0x00300000;
}
#endif

int run(void)
{
    printf("crasher: data abort\n");
    data_abort();                                   /* the handler resumes after the load */
    printf("crasher: resumed after the data abort\n");
    long r = tessera_syscall1(0x7fff, 0);           /* unknown: a fault, answered with r0 = 42 */
    printf("crasher: unknown call returned %ld\n", r);
    __builtin_trap();                               /* udf / ud2: the handler leaves it stopped */
    printf("crasher: must not get here\n");
    return 0;
}
