#include <camkes.h>
#include <mathlib.h>

int m_square(int x)
{
    return mathlib_square(x);
}
