#include <mathlib.h>
#include <util.h>

int mathlib_square(int x)
{
    return x * x;
}
