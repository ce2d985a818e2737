/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * A stand-in for the runtime's <tessera.h> on the host, for the VMM's exit
 * loop (components/vmm/src/vmm.c) under test: the same names and signatures,
 * implemented by tests/host/test_vmm_run.c, which scripts the messages the
 * loop receives and records what it replies, injects and writes.
 */
#ifndef TESSERA_H
#define TESSERA_H

#include <stddef.h>
#include <stdint.h>
#include <tessera/abi.h>

typedef struct {
    uintptr_t info;
    uintptr_t mr[4];
    uintptr_t badge;
} tessera_msg_t;

long tessera_debug_write(const void *buf, size_t len);
long tessera_recv(unsigned cap, tessera_msg_t *m);
long tessera_reply_recv(unsigned cap, tessera_msg_t *m);
long tessera_reply(tessera_msg_t *m);
long tessera_thread_resume(unsigned cap);
long tessera_vcpu_inject(unsigned cap, unsigned virq);
long tessera_console_read(void *buf, size_t len, size_t *count);
uint64_t tessera_counter(void);            /* 10 ms (625000 ticks) later at every read */
uint32_t tessera_counter_freq(void);       /* 62.5 MHz */

#endif
