/* SPDX-License-Identifier: BSD-2-Clause */
/* The table of a component's dataports, defined by its generated glue. */
#ifndef TESSERA_DATAPORTS_H
#define TESSERA_DATAPORTS_H

#include <stddef.h>
#include <stdint.h>

struct tessera_dataport {
    uintptr_t base;                 /* where this component maps it */
    size_t size;
    unsigned int id;                /* shared buffers: the same in every sharer; else this one's own */
};

extern const struct tessera_dataport tessera_dataports[];
extern const unsigned int tessera_ndataports;

#endif
