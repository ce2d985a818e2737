/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * Pointers into dataports that mean the same thing in every component that
 * shares the dataport, as CAmkES's camkes/dataport.h defines them: each
 * component maps a shared buffer at its own address, so a raw pointer is
 * wrapped into (dataport, offset) before it travels and unwrapped on arrival.
 */
#ifndef CAMKES_DATAPORT_H
#define CAMKES_DATAPORT_H

#include <stddef.h>
#include <stdint.h>

typedef struct {
    unsigned int id;                /* the dataport: its shared buffer, the same in every sharer */
    uintptr_t offset;               /* bytes from its start */
} dataport_ptr_t;

/* `ptr` as (dataport, offset); id 0 when it points into no dataport of this component. */
dataport_ptr_t dataport_wrap_ptr(void *ptr);

/* This component's pointer for `p`; NULL when it has no mapping of that dataport
 * or the offset lies outside it. */
void *dataport_unwrap_ptr(dataport_ptr_t p);

#endif
