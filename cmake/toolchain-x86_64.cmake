# SPDX-License-Identifier: BSD-2-Clause
# x86_64 bare metal with the host's own gcc: fixed-address code, no stack
# protector, no CET notes (they would add instructions to every measured
# path), and no host headers: only gcc's freestanding ones (stdint.h, stdarg.h
# ...). The CPU flag (-march=x86-64) comes from the board, in kernel.cmake.
set(CMAKE_SYSTEM_NAME Generic)
set(CMAKE_SYSTEM_PROCESSOR x86_64)
set(CMAKE_C_COMPILER gcc)
set(CMAKE_ASM_COMPILER gcc)
set(CMAKE_OBJCOPY objcopy CACHE FILEPATH "")
set(CMAKE_TRY_COMPILE_TARGET_TYPE STATIC_LIBRARY)

execute_process(COMMAND gcc -print-file-name=include OUTPUT_VARIABLE _gcc_include
                OUTPUT_STRIP_TRAILING_WHITESPACE)
set(TESSERA_CPU_OPTION -march=)
set(TESSERA_ARCH_FLAGS -m64 -fno-pie -no-pie -fno-stack-protector -fcf-protection=none
    -fno-asynchronous-unwind-tables -nostdinc "SHELL:-isystem ${_gcc_include}"
    -Wl,--build-id=none -Wl,-z,noexecstack)
# The kernel lives in the top 2 GiB, may take an interrupt on its own stack
# (in the idle loop: no red zone), and never touches x87 or SSE registers.
set(TESSERA_ARCH_KERNEL_FLAGS -mcmodel=kernel -mno-red-zone -mgeneral-regs-only)
