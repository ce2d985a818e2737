// SPDX-License-Identifier: BSD-2-Clause
/* Writes a message into the shared page and a pattern across the 8 KiB
 * buffer, tells the reader, and reads back what the reader wrote. */
#include <stdio.h>
#include <string.h>
#include <camkes.h>

int run(void)
{
    char *text = (char *)page;
    volatile uint32_t *words = (volatile uint32_t *)big;
    size_t n = big_get_size() / sizeof(uint32_t);

    printf("writer: page is %u bytes, big is %u bytes\n", (unsigned)page_get_size(), (unsigned)big_get_size());
    strcpy(text, "hello through shared memory");
    for (size_t i = 0; i < n; i++)
        words[i] = (uint32_t)(i * 2654435761u);
    page_release();
    big_release();
    ready_emit();
    done_wait();
    page_acquire();
    printf("writer: reader answered \"%s\"\n", text);
    return 0;
}
