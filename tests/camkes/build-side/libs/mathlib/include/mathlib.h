int mathlib_square(int x);
