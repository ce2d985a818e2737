/* SPDX-License-Identifier: BSD-2-Clause */
/* Two events and a time server client on one global endpoint: waiting on
 * one of its capabilities (kick's) collects all three, told apart by their bits. */
#include <camkes.h>
#include <stdio.h>

int run(void)
{
    seL4_Word kick = kick_notification_badge(), other = other_notification_badge();
    seL4_Word timer = timeout_notification_badge();
    seL4_Word all = kick | other | timer, seen = 0;

    printf("waiter: distinct bits: %s\n",
           (kick & other) == 0 && (kick & timer) == 0 && (other & timer) == 0 && kick && other && timer ?
           "yes" : "no");
    timeout_oneshot_relative(0, 30 * NS_IN_MS);
    while (seen != all) {
        seL4_Word badge = 0;
        seL4_Wait(kick_notification(), &badge);
        seen |= badge;
    }
    printf("waiter: on kick_notification(): kick, relayed kick and timeout (completed %#x) all arrived\n", timeout_completed());
    return 0;
}
