# SPDX-License-Identifier: BSD-2-Clause
# The host's own compiler, for the kernel's unit tests (tests/unit).
set(CMAKE_C_COMPILER gcc)
