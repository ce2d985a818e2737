// SPDX-License-Identifier: BSD-2-Clause
/*
 * Makes bad system calls and prints what each returned; the test compares the
 * codes with kernel/api.yaml's. The component keeps running throughout.
 */
#include <stdint.h>
#include <stdio.h>
#include <camkes.h>

static char big[DEBUG_WRITE_MAX + 1];

static void report(const char *what, long got, long want)
{
    printf("BADCALL %s: got %ld want %ld %s\n", what, got, want, got == want ? "ok" : "WRONG");
}

int run(void)
{
    report("unknown call", tessera_syscall1(0x7fff, 0), ERR_INVALID_CALL);
    report("unmapped buffer", tessera_syscall2(SYS_DEBUG_WRITE, 0x00300000, 4), ERR_BAD_ADDRESS);
    report("null buffer", tessera_syscall2(SYS_DEBUG_WRITE, 0, 1), ERR_BAD_ADDRESS);
    report("wrapping buffer", tessera_syscall2(SYS_DEBUG_WRITE, 0xfffffff0u, 0x20), ERR_BAD_ADDRESS);
    report("too long", tessera_syscall2(SYS_DEBUG_WRITE, (uintptr_t)big, sizeof(big)), ERR_MESSAGE_TOO_LONG);
    /* The stack ends at 0x01000000 (sdk/tessera/allocate.py); nothing is mapped above. */
    report("straddles the top of the stack", tessera_syscall2(SYS_DEBUG_WRITE, 0x00fffff0, 0x20),
           ERR_BAD_ADDRESS);
    report("good call", tessera_syscall2(SYS_DEBUG_WRITE, (uintptr_t)"", 0), ERR_OK);
    printf("badcalls: still alive\n");
    return 0;
}
