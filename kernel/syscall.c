// SPDX-License-Identifier: BSD-2-Clause
/*
 * System-call dispatch. Every argument is a user register and is checked
 * before use; a bad call returns an error code and changes nothing else.
 */
#include <stdint.h>
#include <kernel/console.h>
#include <kernel/kernel.h>
#include <kernel/sched.h>
#include <kernel/thread.h>
#include <tessera/abi.h>

static uintptr_t sys_debug_write(struct thread *t)
{
    uintptr_t buf = arch_syscall_arg(&t->ctx, 0);
    uintptr_t len = arch_syscall_arg(&t->ctx, 1);

    if (len > DEBUG_WRITE_MAX)
        return ERR_MESSAGE_TOO_LONG;
    const char *p = thread_user_ptr(t, buf, len, VSPACE_R);
    if (p == NULL)
        return ERR_BAD_ADDRESS;
    console_write(p, len);
    return ERR_OK;
}

static void sys_thread_exit(struct thread *t)
{
    thread_stop(t, THREAD_EXITED, (int)arch_syscall_arg(&t->ctx, 0));
}

static uintptr_t sys_tls_set(struct thread *t)
{
    t->tls = arch_syscall_arg(&t->ctx, 0);
    arch_set_tls(t->tls);
    return ERR_OK;
}

_Noreturn void kernel_syscall(void)
{
    struct thread *t = current;
    uintptr_t result;

    switch (arch_syscall_number(&t->ctx)) {
    case SYS_DEBUG_WRITE:
        result = sys_debug_write(t);
        break;
    case SYS_THREAD_EXIT:
        sys_thread_exit(t);
        schedule();
    case SYS_TLS_SET:
        result = sys_tls_set(t);
        break;
    default:
        result = ERR_INVALID_CALL;
        break;
    }
    arch_syscall_set_result(&t->ctx, 0, result);
    schedule();
}
