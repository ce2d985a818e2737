/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * The Tessera component API. Every symbol a component author sees starts with
 * tessera_ (or TESSERA_); CAmkES-style glue (camkes.h) is generated per
 * component and builds on this header.
 */
#ifndef TESSERA_H
#define TESSERA_H

#include <stddef.h>
#include <stdint.h>
#include <tessera/abi.h>
#include <tessera/syscall.h>

/* Write `len` bytes to the kernel console; returns a TESSERA error code. */
static inline long tessera_debug_write(const void *buf, size_t len)
{
    return tessera_syscall2(SYS_DEBUG_WRITE, (uintptr_t)buf, len);
}

/* End the calling thread; a control thread's status is its run() result. */
__attribute__((noreturn)) void tessera_thread_exit(int status);

/* Set the calling thread's TLS thread pointer (done by the runtime at start). */
static inline long tessera_tls_set(uintptr_t base)
{
    return tessera_syscall1(SYS_TLS_SET, base);
}

/* The name of this component instance, as in the system description. */
const char *tessera_instance_name(void);

#endif
