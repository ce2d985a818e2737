/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * A thin compatibility header for the few seL4 calls CAmkES components make on
 * capabilities their glue hands them (a time server client's
 * `seL4_Wait(timeout_notification(), &badge)`, a serial client's seL4_Poll()):
 * each is the Tessera system call of the same meaning (tessera.h), on the
 * capability slot the glue returned. It is not seL4's API: there are no CNodes,
 * untyped memory or invocations here.
 */
#ifndef SEL4_SEL4_H
#define SEL4_SEL4_H

#include <stddef.h>
#include <stdint.h>
#include <tessera.h>

typedef uintptr_t seL4_Word;
typedef uintptr_t seL4_CPtr;

/* Block until the notification has bits set; they go to *sender (if not NULL). */
static inline void seL4_Wait(seL4_CPtr cap, seL4_Word *sender)
{
    uintptr_t bits = 0;
    tessera_wait((unsigned)cap, &bits);
    if (sender != NULL)
        *sender = bits;
}

/* The notification's bits (0 if none) in *sender, without blocking. */
static inline void seL4_Poll(seL4_CPtr cap, seL4_Word *sender)
{
    uintptr_t bits = 0;
    tessera_poll((unsigned)cap, &bits);
    if (sender != NULL)
        *sender = bits;
}

static inline void seL4_Signal(seL4_CPtr cap)
{
    tessera_signal((unsigned)cap);
}

static inline void seL4_Yield(void)
{
    tessera_yield();
}

/* One character to the kernel console. */
static inline void seL4_DebugPutChar(char c)
{
    tessera_debug_write(&c, 1);
}

#endif
