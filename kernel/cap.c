// SPDX-License-Identifier: BSD-2-Clause
/*
 * Capability lookup. The table is the spec's, per address space, read-only:
 * this kernel has no operation that creates, copies or deletes a capability.
 */
#include <kernel/cap.h>
#include <kernel/thread.h>
#include <tessera/abi.h>

int cap_lookup(const struct thread *t, uintptr_t index, unsigned type, unsigned rights,
               const struct cap **out)
{
    const struct vspace *vs = t->vs;

    if (index >= vs->ncaps || vs->caps[index].type == OBJ_EMPTY)
        return ERR_INVALID_CAP;
    const struct cap *c = &vs->caps[index];
    if (c->type != type)
        return ERR_WRONG_TYPE;
    if ((c->rights & rights) != rights)
        return ERR_MISSING_RIGHT;
    *out = c;
    return ERR_OK;
}
