// SPDX-License-Identifier: BSD-2-Clause
#include <string.h>
#include <camkes.h>

int c_count(const char *s)
{
    return (int)strlen(s);
}
