// SPDX-License-Identifier: BSD-2-Clause
/*
 * The guest image loader (vmm/loader.h).
 */
#include <stdbool.h>
#include <stdio.h>
#include <string.h>
#include <vmm/loader.h>

static bool fits(const struct tessera_vm_config *vm, const struct tessera_vm_image *image)
{
    return image->ipa >= vm->ram_ipa && image->size <= vm->ram_size &&
           image->ipa - vm->ram_ipa <= vm->ram_size - image->size;
}

static bool overlap(const struct tessera_vm_image *a, const struct tessera_vm_image *b)
{
    return a->size != 0 && b->size != 0 && a->ipa < b->ipa + b->size && b->ipa < a->ipa + a->size;
}

int loader_load(const struct tessera_vm_config *vm, char *why, size_t why_len)
{
    const struct tessera_vm_image *images[] = { &vm->kernel, &vm->initrd, &vm->dtb };
    static const char *const names[] = { "kernel", "initrd", "DTB" };
    const unsigned n = sizeof(images) / sizeof(images[0]);

    for (unsigned i = 0; i < n; i++) {
        if (images[i]->size != 0 && !fits(vm, images[i])) {
            snprintf(why, why_len, "the %s (%zu bytes at IPA 0x%lx) does not fit in guest RAM "
                     "[0x%lx, 0x%lx)", names[i], images[i]->size, (unsigned long)images[i]->ipa,
                     (unsigned long)vm->ram_ipa, (unsigned long)(vm->ram_ipa + vm->ram_size));
            return -1;
        }
        for (unsigned j = 0; j < i; j++) {
            if (overlap(images[i], images[j])) {
                snprintf(why, why_len, "the %s and the %s overlap in guest RAM", names[j], names[i]);
                return -1;
            }
        }
    }
    if (vm->kernel.size == 0 || vm->dtb.size == 0) {
        snprintf(why, why_len, "no %s image", vm->kernel.size == 0 ? "kernel" : "DTB");
        return -1;
    }
    for (unsigned i = 0; i < n; i++) {
        if (images[i]->size != 0)
            memcpy(vm->ram + (images[i]->ipa - vm->ram_ipa), images[i]->data, images[i]->size);
    }
    return 0;
}
