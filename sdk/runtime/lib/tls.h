/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * Thread-local storage, per architecture (sdk/runtime/lib/<arch>/tls.c): every thread
 * of a component gets its own copy of .tdata/.tbss, in a block the runtime
 * places on the thread's stack.
 */
#ifndef TESSERA_RUNTIME_TLS_H
#define TESSERA_RUNTIME_TLS_H

#include <stddef.h>
#include <stdint.h>

/* Bytes a thread's TLS block needs, alignment slack included. */
size_t tessera_tls_area_size(void);

/* Lay out a TLS block in `area` (tessera_tls_area_size() bytes, 8-aligned):
 * copy .tdata, zero .tbss. Returns the value for the thread pointer. */
uintptr_t tessera_tls_init(void *area);

#endif
