// SPDX-License-Identifier: BSD-2-Clause
/*
 * The runtime's C start: thread-local storage for the C library, then the
 * generated glue's entry (camkes_main: pre_init, interface inits, post_init,
 * run), then thread exit with run()'s result.
 */
#include <stdio.h>
#include <stdint.h>
#include <tessera.h>

extern char __tls_base[];
extern char __arm32_tls_tcb_offset[];

/* Generated per component (templates/component.c.j2). */
int __tessera_component_main(uintptr_t arg);

void __tessera_start(uintptr_t arg, uintptr_t *ipc_buffer) __attribute__((noreturn));

static uintptr_t *ipc_buffer_of_thread;

uintptr_t *tessera_ipc_buffer(void)
{
    return ipc_buffer_of_thread;
}

/* The kernel starts a thread with r0 = its argument and r1 = its IPC buffer. */
void __tessera_start(uintptr_t arg, uintptr_t *ipc_buffer)
{
    ipc_buffer_of_thread = ipc_buffer;
    tessera_tls_set((uintptr_t)__tls_base - (uintptr_t)__arm32_tls_tcb_offset);
    int status = __tessera_component_main(arg);
    fflush(stdout);
    tessera_thread_exit(status);
}

void tessera_thread_exit(int status)
{
    fflush(stdout);
    for (;;)
        tessera_syscall1(SYS_THREAD_EXIT, (uintptr_t)status);
}
