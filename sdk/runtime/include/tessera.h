/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * The Tessera component API: the kernel's system calls (docs/kernel-api.md)
 * as C functions. Every symbol a component author sees starts with tessera_
 * (or TESSERA_); capability slots are the generated CAP_* names
 * (tessera_caps.h); CAmkES-style glue (camkes.h) builds on this header.
 * Each call returns ERR_OK or an ERR_* code.
 */
#ifndef TESSERA_H
#define TESSERA_H

#include <stddef.h>
#include <stdint.h>
#include <tessera/abi.h>
#include <tessera/syscall.h>

/* ---- Console and threads ---------------------------------------------- */

/* Write `len` bytes to the kernel console. */
static inline long tessera_debug_write(const void *buf, size_t len)
{
    return tessera_syscall2(SYS_DEBUG_WRITE, (uintptr_t)buf, len);
}

/* CAmkES's name, kept for CAmkES apps: from now on stdout's characters go to
 * `putchar` one by one (e.g. a serial server's processed_putchar stub), not to
 * the kernel console. NULL restores the console. */
void set_putchar(void (*putchar)(int c));

/* End the calling thread; a control thread's status is its run() result. */
__attribute__((noreturn)) void tessera_thread_exit(int status);

/* Set the calling thread's TLS thread pointer (done by the runtime at start). */
static inline long tessera_tls_set(uintptr_t base)
{
    return tessera_syscall1(SYS_TLS_SET, base);
}

/* Give the rest of the time slice to the next thread of the same priority. */
static inline long tessera_yield(void)
{
    return tessera_syscall1(SYS_YIELD, 0);
}

/* The name of this component instance, as in the system description. */
const char *tessera_instance_name(void);

/* This thread's IPC buffer: message words MR0..MR119 (MR4 onwards travel here). */
uintptr_t *tessera_ipc_buffer(void);

/* ---- Endpoints -------------------------------------------------------- */

/* A message with `label` and `length` words. */
static inline uintptr_t tessera_msg_info(uintptr_t label, uintptr_t length)
{
    return MSG_INFO(label, length);
}

static inline long tessera_call(unsigned cap, tessera_msg_t *m)
{
    return tessera_syscall_msg(SYS_CALL, cap, m);
}

static inline long tessera_reply_recv(unsigned cap, tessera_msg_t *m)
{
    return tessera_syscall_msg(SYS_REPLY_RECV, cap, m);
}

static inline long tessera_send(unsigned cap, tessera_msg_t *m)
{
    return tessera_syscall_msg(SYS_SEND, cap, m);
}

static inline long tessera_recv(unsigned cap, tessera_msg_t *m)
{
    return tessera_syscall_msg(SYS_RECV, cap, m);
}

static inline long tessera_nb_send(unsigned cap, tessera_msg_t *m)
{
    return tessera_syscall_msg(SYS_NB_SEND, cap, m);
}

static inline long tessera_nb_recv(unsigned cap, tessera_msg_t *m)
{
    return tessera_syscall_msg(SYS_NB_RECV, cap, m);
}

static inline long tessera_reply(tessera_msg_t *m)
{
    return tessera_syscall_msg(SYS_REPLY, 0, m);
}

/* ---- Notifications, interrupts, timers ---------------------------------- */

static inline long tessera_signal(unsigned cap)
{
    return tessera_syscall1(SYS_SIGNAL, cap);
}

/* Wait for bits; they are stored in *bits. */
static inline long tessera_wait(unsigned cap, uintptr_t *bits)
{
    tessera_msg_t m = { 0 };
    long err = tessera_syscall_msg(SYS_WAIT, cap, &m);
    *bits = m.badge;
    return err;
}

/* The bits set now (0 if none), without blocking. */
static inline long tessera_poll(unsigned cap, uintptr_t *bits)
{
    tessera_msg_t m = { 0 };
    long err = tessera_syscall_msg(SYS_POLL, cap, &m);
    *bits = m.badge;
    return err;
}

static inline long tessera_irq_ack(unsigned cap)
{
    return tessera_syscall1(SYS_IRQ_ACK, cap);
}

/* Signal this thread's timer notification after delay_us, then every
 * period_us (0: once). Both 0 cancels. */
static inline long tessera_timer_set(uint32_t delay_us, uint32_t period_us)
{
    return tessera_syscall2(SYS_TIMER_SET, delay_us, period_us);
}

/* ---- Thread control ---------------------------------------------------- */

static inline long tessera_thread_suspend(unsigned cap)
{
    return tessera_syscall1(SYS_THREAD_SUSPEND, cap);
}

static inline long tessera_thread_resume(unsigned cap)
{
    return tessera_syscall1(SYS_THREAD_RESUME, cap);
}

/* ---- Virtual machines (docs/virtualization.md) -------------------------- */

/* Make virtual interrupt `virq` (16..1019) pending in the guest whose vCPU the
 * thread capability `cap` names; wakes the vCPU if it waits in WFI. */
static inline long tessera_vcpu_inject(unsigned cap, unsigned virq)
{
    return tessera_syscall2(SYS_VCPU_INJECT, cap, virq);
}

/* Copy up to `len` bytes the user typed into `buf`, without blocking; the
 * number copied goes to *count (0 when there was nothing). Only for the
 * address space the spec names as the console's reader. */
static inline long tessera_console_read(void *buf, size_t len, size_t *count)
{
    tessera_msg_t m = { .info = len };
    long err = tessera_syscall_msg(SYS_CONSOLE_READ, (uintptr_t)buf, &m);
    *count = err == ERR_OK ? m.info : 0;
    return err;
}

#endif
