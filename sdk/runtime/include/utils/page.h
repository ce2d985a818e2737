/* SPDX-License-Identifier: BSD-2-Clause */
/* Page sizes and page arithmetic under seL4 libutils' names (<utils/page.h>). */
#ifndef UTILS_PAGE_H
#define UTILS_PAGE_H

#include <stdint.h>
#include <utils/arith.h>

#define PAGE_BITS_4K            12
#define PAGE_BITS_2M            21
#define PAGE_BITS_4M            22
#define PAGE_BITS_1G            30
#define PAGE_SIZE_4K            BIT(PAGE_BITS_4K)
#define PAGE_MASK_4K            (PAGE_SIZE_4K - 1)
#define PAGE_ALIGN_4K(addr)     ((addr) & ~PAGE_MASK_4K)
#define IS_ALIGNED_4K(addr)     IS_ALIGNED(addr, PAGE_BITS_4K)
#define SAME_PAGE_4K(a, b)      ((((uintptr_t)(a)) >> PAGE_BITS_4K) == (((uintptr_t)(b)) >> PAGE_BITS_4K))
#define BYTES_TO_4K_PAGES(n)    (((n) + PAGE_MASK_4K) >> PAGE_BITS_4K)
#define SIZE_BITS_TO_BYTES(b)   BIT(b)
#define BYTES_TO_SIZE_BITS(n)   LOG_BASE_2(n)
#define MiB_TO_BYTES(n)         ((size_t)(n) * 1024 * 1024)

#endif
