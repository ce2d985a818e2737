// SPDX-License-Identifier: BSD-2-Clause
/*
 * x86_64 TLS (variant 2, as GCC's local-exec and initial-exec code expects):
 * the TLS block ends where the thread pointer (FS base, set by the tls_set
 * system call) points, rounded up to the block's alignment, and the thread
 * pointer points at an 8-byte control block holding its own address
 * (%fs:0).
 */
#include <string.h>
#include "../tls.h"

extern char __tls_base[];               /* the TLS image, .tbss included (component.ld.in) */
extern char __tls_size[], __tls_align[];

static uintptr_t round_up(uintptr_t v, uintptr_t align)
{
    return (v + align - 1) & ~(align - 1);
}

size_t tessera_tls_area_size(void)
{
    uintptr_t align = (uintptr_t)__tls_align;

    return align - 1 + round_up((uintptr_t)__tls_size, align) + sizeof(uintptr_t);
}

uintptr_t tessera_tls_init(void *area)
{
    uintptr_t align = (uintptr_t)__tls_align;
    uintptr_t block = round_up((uintptr_t)area, align);
    uintptr_t tp = block + round_up((uintptr_t)__tls_size, align);

    memcpy((void *)block, __tls_base, (size_t)__tls_size);
    memcpy((void *)tp, &tp, sizeof(tp));   /* may be unaligned: x86 allows it */
    return tp;
}
