/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * Page-table pages for address spaces, handed out at boot from the spec's
 * static pool (sized by the generator). Nothing is returned to the pool.
 */
#ifndef KERNEL_VSPACE_H
#define KERNEL_VSPACE_H

#include <kernel/spec.h>

/* A zeroed page-table page, or NULL when the pool is used up. Boot only. */
struct pt_page *vspace_table_alloc(void);

#endif
