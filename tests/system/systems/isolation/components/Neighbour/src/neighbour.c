// SPDX-License-Identifier: BSD-2-Clause
/*
 * Puts a secret in its private memory and values in the dataports it shares,
 * then waits for the prober to finish and checks what the prober wrote.
 */
#include <stdio.h>
#include <camkes.h>

int run(void)
{
    *(volatile uint32_t *)priv = 0x5ec7e7;
    *(volatile uint32_t *)shared = 0x5a5a;
    *(volatile uint32_t *)ro = 0x0e0e;
    printf("neighbour: secret at %p, dataport theirs at %p\n", (void *)priv, (void *)theirs);
    done_wait();                        /* the prober's positive control for capabilities */
    done_wait();                        /* its end */
    printf("neighbour: shared %#x, read-only %#x, secret %#x\n", (unsigned)((volatile uint32_t *)shared)[1],
           (unsigned)*(volatile uint32_t *)ro, (unsigned)*(volatile uint32_t *)priv);
    return 0;
}
