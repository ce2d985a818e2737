// SPDX-License-Identifier: BSD-2-Clause
/*
 * The page-table pool: the generator counts the tables every address space
 * needs and emits spec_pt_pool with exactly that many pages.
 */
#include <stddef.h>
#include <kernel/vspace.h>

static unsigned pool_used;

struct pt_page *vspace_table_alloc(void)
{
    if (pool_used == spec_pt_pool_size)
        return NULL;
    struct pt_page *t = &spec_pt_pool[pool_used++];
    for (unsigned i = 0; i < 512; i++)
        t->e[i] = 0;
    return t;
}
