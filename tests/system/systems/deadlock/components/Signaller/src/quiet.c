// SPDX-License-Identifier: BSD-2-Clause
/* Could signal, but returns without doing so. */
#include <camkes.h>

int run(void)
{
    return 0;
}
