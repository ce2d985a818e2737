// SPDX-License-Identifier: BSD-2-Clause
/*
 * Address spaces, created once at boot from the spec: each component's
 * segments are copied from the embedded image into its physical backing (or,
 * for devices and shared memory, mapped at their physical address) and its
 * I/O-port ranges are granted. The page tables come from the page-table pool:
 * the generator counts the tables every address space needs and emits
 * spec_pt_pool with exactly that many pages. Nothing is returned to the pool.
 */
#include <stddef.h>
#include <stdint.h>
#include <kernel/console.h>
#include <kernel/vspace.h>
#include <spec_limits.h>
#include <tessera/abi.h>

struct vspace vspaces[SPEC_MAX_VSPACES];
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

/* Word at a time where both ends allow it: a restart copies and zeroes every
 * writable page of a component, on the restarting component's time. */
static void copy_bytes(uint8_t *dst, const uint8_t *src, size_t n)
{
    size_t i = 0;

    if ((((uintptr_t)dst | (uintptr_t)src) & (sizeof(uintptr_t) - 1)) == 0) {
        for (; i + sizeof(uintptr_t) <= n; i += sizeof(uintptr_t))
            *(uintptr_t *)(dst + i) = *(const uintptr_t *)(src + i);
    }
    for (; i < n; i++)
        dst[i] = src[i];
}

static void zero_bytes(uint8_t *dst, size_t n)
{
    size_t i = 0;

    if (((uintptr_t)dst & (sizeof(uintptr_t) - 1)) == 0) {
        for (; i + 4 * sizeof(uintptr_t) <= n; i += 4 * sizeof(uintptr_t)) {
            uintptr_t *w = (uintptr_t *)(dst + i);
            w[0] = 0;
            w[1] = 0;
            w[2] = 0;
            w[3] = 0;
        }
        for (; i + sizeof(uintptr_t) <= n; i += sizeof(uintptr_t))
            *(uintptr_t *)(dst + i) = 0;
    }
    for (; i < n; i++)
        dst[i] = 0;
}

/* A segment in the component's own backing, copied from its image: not a
 * device, not shared memory. */
static int own_segment(const struct spec_segment *seg)
{
    return !(seg->rights & (VSPACE_DEVICE | VSPACE_SHARED));
}

static void load_segment(const struct spec_vspace *s, const struct spec_segment *seg)
{
    uint8_t *backing = s->mem + seg->mem_offset;

    copy_bytes(backing, seg->src, seg->filesz);
    zero_bytes(backing + seg->filesz, seg->memsz - seg->filesz);
}

static void vspace_create(struct vspace *vs, const struct spec_vspace *s)
{
    vs->spec = s;
    vs->caps = s->caps;
    vs->ncaps = s->ncaps;
    vs->guest = s->guest;
    vs->restart_max = s->restart_max;
    arch_vspace_init(vs, s->id);
    for (unsigned i = 0; i < s->nsegments; i++) {
        const struct spec_segment *seg = &s->segments[i];
        uintptr_t pa = seg->pa;

        /* A device, or shared memory (the spec's own buffer, in the kernel's
         * .bss, zeroed once at boot), is mapped where it is. */
        if (own_segment(seg)) {
            load_segment(s, seg);
            pa = (uintptr_t)(s->mem + seg->mem_offset);
        }
        if (arch_vspace_map(vs, seg->va, pa, seg->memsz, seg->rights & ~VSPACE_SHARED) != 0)
            panic(EXIT_KERNEL_PANIC, "page-table pool exhausted mapping %s", s->name);
    }
    for (unsigned i = 0; i < s->nioports; i++) {
        const struct spec_ioport *p = &s->ioports[i];
        if (arch_vspace_allow_ports(vs, p->first, p->last) != 0)
            panic(EXIT_KERNEL_PANIC, "spec: %s: I/O ports 0x%x-0x%x cannot be granted on this architecture",
                  s->name, p->first, p->last);
    }
}

void vspace_create_all(void)
{
    for (unsigned i = 0; i < spec_nvspaces; i++)
        vspace_create(&vspaces[i], &spec_vspaces[i]);
}

void vspace_reset(struct vspace *vs)
{
    const struct spec_vspace *s = vs->spec;

    for (unsigned i = 0; i < s->nsegments; i++) {
        const struct spec_segment *seg = &s->segments[i];
        if (own_segment(seg) && (seg->rights & VSPACE_W))
            load_segment(s, seg);
    }
}

void *vspace_user_ptr(const struct vspace *vs, uintptr_t va, size_t len, unsigned rights)
{
    const struct spec_vspace *s = vs->spec;

    for (unsigned i = 0; i < s->nsegments; i++) {
        const struct spec_segment *seg = &s->segments[i];
        /* Written to avoid overflow: va and len are the user's. */
        if (va < seg->va || va - seg->va > seg->memsz || len > seg->memsz - (va - seg->va))
            continue;
        if ((seg->rights & rights) != rights || (seg->rights & VSPACE_DEVICE))
            return NULL;
        if (seg->rights & VSPACE_SHARED)
            return (uint8_t *)seg->pa + (va - seg->va);
        return s->mem + seg->mem_offset + (va - seg->va);
    }
    return NULL;
}
