// SPDX-License-Identifier: BSD-2-Clause
/*
 * The other end of the glue_* figures: BenchGlue implemented as a CAmkES
 * component implements a procedure, served by the generated glue's thread.
 */
#include <string.h>
#include <camkes.h>

int glue_add(int a, int b)
{
    return a + b;
}

int glue_sum10(int a0, int a1, int a2, int a3, int a4, int a5, int a6, int a7, int a8, int a9)
{
    return a0 + a1 + a2 + a3 + a4 + a5 + a6 + a7 + a8 + a9;
}

int glue_string64(const char *s)
{
    return (int)strlen(s);
}
