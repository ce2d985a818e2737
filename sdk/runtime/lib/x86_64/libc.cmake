# SPDX-License-Identifier: BSD-2-Clause
# The components' C library on x86_64. Debian packages no C library for bare
# metal x86_64 (picolibc's packages are ARM and RISC-V only), so the runtime
# carries a small freestanding one in libc/: the stdio of picolibc's tinystdio
# interface that sdk/runtime/lib/stdio.c plugs into (printf family without floating
# point), the usual string.h functions and a heap allocator. Included by
# cmake/components.cmake.
set(_libc ${CMAKE_CURRENT_LIST_DIR}/libc)
set(TESSERA_LIBC_FLAGS -ffreestanding "SHELL:-isystem ${_libc}/include")
set(TESSERA_LIBC_LINK_FLAGS -nostdlib -static)
file(GLOB TESSERA_LIBC_SOURCES ${_libc}/*.c)
set(TESSERA_LIBC_LIBRARIES gcc)
# memset and friends must not be "optimised" into calls to themselves.
set_source_files_properties(${TESSERA_LIBC_SOURCES} PROPERTIES COMPILE_OPTIONS
    -fno-tree-loop-distribute-patterns)
