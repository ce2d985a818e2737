// SPDX-License-Identifier: BSD-2-Clause
/*
 * The runtime's C start, for every thread of a component: a thread-local
 * storage block on the thread's own stack, the IPC buffer's address in TLS,
 * then the generated glue's entry for this thread (templates/component.c.j2:
 * the init thread runs pre_init, the interfaces' __init and post_init, then
 * run(); an interface thread serves its interface), then thread exit.
 */
#include <stdio.h>
#include <stdint.h>
#include <string.h>
#include <tessera.h>
#include "tls.h"

/* Generated per component (templates/component.c.j2). */
int __tessera_component_main(uintptr_t arg);

void __tessera_start(uintptr_t arg, uintptr_t *ipc_buffer) __attribute__((noreturn));

static __thread uintptr_t *ipc_buffer_of_thread;

uintptr_t *tessera_ipc_buffer(void)
{
    return ipc_buffer_of_thread;
}

/* The kernel starts a thread with its argument and its IPC buffer's address in
 * the first two argument registers (crt0 passes them on). This function never
 * returns, so a block on its stack lives as long as the thread. */
void __tessera_start(uintptr_t arg, uintptr_t *ipc_buffer)
{
    uint64_t area[(tessera_tls_area_size() + sizeof(uint64_t) - 1) / sizeof(uint64_t)];

    tessera_tls_set(tessera_tls_init(area));
    ipc_buffer_of_thread = ipc_buffer;
    tessera_thread_exit(__tessera_component_main(arg));
}

void tessera_thread_exit(int status)
{
    fflush(stdout);
    for (;;)
        tessera_syscall1(SYS_THREAD_EXIT, (uintptr_t)status);
}
