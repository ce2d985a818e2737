/* SPDX-License-Identifier: BSD-2-Clause */
/* Waits for the kick on its global endpoint; relays it to the waiter only if
 * it came with the kick interface's bit. */
#include <camkes.h>
#include <stdio.h>

int run(void)
{
    seL4_Word badge = 0;

    seL4_Wait(kick_notification(), &badge);
    if (badge != kick_notification_badge()) {
        printf("watcher: kicked with badge %#lx, not %#lx\n", (unsigned long)badge,
               (unsigned long)kick_notification_badge());
        return 1;
    }
    other_emit();
    return 0;
}
