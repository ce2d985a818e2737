/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * Capability tables: one flat, read-only table per address space, from the
 * spec. A lookup checks the index, the object type and the rights, in that
 * order, and says which check failed.
 */
#ifndef KERNEL_CAP_H
#define KERNEL_CAP_H

#include <stdint.h>
#include <kernel/spec.h>

struct thread;

/* Look up `index` in t's table. Returns ERR_OK with *out set, or ERR_INVALID_CAP
 * (out of range or empty), ERR_WRONG_TYPE, ERR_MISSING_RIGHT (any of `rights`). */
int cap_lookup(const struct thread *t, uintptr_t index, unsigned type, unsigned rights,
               const struct cap **out);

#endif
