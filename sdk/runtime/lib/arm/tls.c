// SPDX-License-Identifier: BSD-2-Clause
/*
 * ARM TLS (variant 1, as picolibc and GCC expect): the thread pointer
 * (TPIDRURO, set by the tls_set system call) points at an 8-byte thread
 * control block; .tdata then .tbss follow at __arm32_tls_tcb_offset.
 */
#include <string.h>
#include "../tls.h"

extern char __tls_base[];               /* .tdata's initial image (component.ld.in) */
extern char __tdata_size[], __tbss_size[], __tls_align[], __arm32_tls_tcb_offset[];

size_t tessera_tls_area_size(void)
{
    return (size_t)__arm32_tls_tcb_offset + (size_t)__tdata_size + (size_t)__tbss_size +
           (size_t)__tls_align;
}

uintptr_t tessera_tls_init(void *area)
{
    uintptr_t align = (uintptr_t)__tls_align;
    uintptr_t tp = ((uintptr_t)area + align - 1) & ~(align - 1);
    uint8_t *data = (uint8_t *)tp + (uintptr_t)__arm32_tls_tcb_offset;

    memset((void *)tp, 0, (size_t)__arm32_tls_tcb_offset);
    memcpy(data, __tls_base, (size_t)__tdata_size);
    memset(data + (size_t)__tdata_size, 0, (size_t)__tbss_size);
    return tp;
}
