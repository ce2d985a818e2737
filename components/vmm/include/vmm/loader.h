/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * Copying the guest's images (kernel, initrd, DTB) into its RAM, at boot and
 * again on a PSCI SYSTEM_RESET.
 */
#ifndef VMM_LOADER_H
#define VMM_LOADER_H

#include <stddef.h>
#include <vmm/config.h>

/* Copy each image of `vm` with a size to vm->ram + (ipa - ram_ipa), after
 * checking that every image lies inside the guest's RAM and that no two
 * overlap; nothing else in RAM is touched (no zeroing). Returns 0, or -1
 * with a one-line reason in `why` (nothing copied then). The caches need no
 * cleaning here: the kernel cleans the guest's RAM to the point of coherency
 * when it starts or restarts the vCPU. */
int loader_load(const struct tessera_vm_config *vm, char *why, size_t why_len);

#endif
