// SPDX-License-Identifier: BSD-2-Clause
/* Checks what the writer put in both dataports and answers in the page. */
#include <stdio.h>
#include <string.h>
#include <camkes.h>

int run(void)
{
    ready_wait();
    page_acquire();
    big_acquire();
    char *text = (char *)page;
    volatile uint32_t *words = (volatile uint32_t *)big;
    size_t n = big_get_size() / sizeof(uint32_t), bad = 0;

    printf("reader: page says \"%s\"\n", text);
    for (size_t i = 0; i < n; i++)
        bad += words[i] != (uint32_t)(i * 2654435761u);
    printf("reader: %u of %u words of the 8 KiB buffer match\n", (unsigned)(n - bad), (unsigned)n);
    strcpy(text, "got it");
    page_release();
    done_emit();
    return 0;
}
