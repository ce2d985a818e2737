// SPDX-License-Identifier: BSD-2-Clause
/* Counts visits per client, keyed by the badge of the connection end. */
#include <stdio.h>
#include <camkes.h>

#define MAX_CLIENTS 8

static int visits[MAX_CLIENTS + 1];

int reg_whoami(void)
{
    return (int)reg_get_sender_id();
}

int reg_visit(const char *name)
{
    seL4_Word id = reg_get_sender_id();
    if (id == 0 || id > MAX_CLIENTS)
        return -1;
    lock_lock();
    int n = ++visits[id];
    lock_unlock();
    printf("registry: visit %d from client %u (%s)\n", n, (unsigned)id, name);
    return n;
}
