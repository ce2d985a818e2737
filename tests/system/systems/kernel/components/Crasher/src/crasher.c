// SPDX-License-Identifier: BSD-2-Clause
/* Faults four ways; its fault handler (the runner) resumes it three times and
 * then leaves it stopped. */
#include <stdint.h>
#include <stdio.h>
#include <camkes.h>

/* FLT0005: a load from the top of the user address space, where no component
 * maps anything: on x86_64 above 4 GiB (bit 32 up set), so that a fault
 * message that cut the address to 32 bits would show. Its handler resumes it
 * after the load, an instruction of FAR_LOAD_LENGTH bytes (runner.c). */
#if defined(__x86_64__)
#define FAR_ADDRESS 0x00007ffffffff000ul
static void far_abort(void)
{
    __asm__ volatile("movl (%0), %%eax" :: "D"(FAR_ADDRESS) : "eax", "memory");   /* 8b 07 */
}
#else
#define FAR_ADDRESS 0xfffff000u
static void far_abort(void)
{
    __asm__ volatile("ldr r2, [%0]" :: "r"(FAR_ADDRESS) : "r2", "memory");
}
#endif

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
    far_abort();                                    /* resumed after the load */
    printf("crasher: resumed after the far data abort\n");
    __builtin_trap();                               /* udf / ud2: the handler leaves it stopped */
    printf("crasher: must not get here\n");
    return 0;
}
