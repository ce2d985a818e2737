// SPDX-License-Identifier: BSD-2-Clause
/*
 * dataport_wrap_ptr() and dataport_unwrap_ptr() over the table of this
 * component's dataports that its generated glue defines (tessera_dataports).
 */
#include <camkes/dataport.h>
#include <tessera/dataports.h>

dataport_ptr_t dataport_wrap_ptr(void *ptr)
{
    uintptr_t p = (uintptr_t)ptr;
    dataport_ptr_t out = { 0, 0 };

    for (unsigned i = 0; i < tessera_ndataports; i++) {
        const struct tessera_dataport *d = &tessera_dataports[i];
        if (p >= d->base && p - d->base < d->size) {
            out.id = d->id;
            out.offset = p - d->base;
            break;
        }
    }
    return out;
}

void *dataport_unwrap_ptr(dataport_ptr_t p)
{
    for (unsigned i = 0; i < tessera_ndataports; i++) {
        const struct tessera_dataport *d = &tessera_dataports[i];
        if (p.id != 0 && d->id == p.id)
            return p.offset < d->size ? (void *)(d->base + p.offset) : NULL;
    }
    return NULL;
}
