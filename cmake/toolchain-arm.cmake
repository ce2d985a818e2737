# SPDX-License-Identifier: BSD-2-Clause
# ARMv7-A bare metal with Debian's arm-none-eabi toolchain. The CPU flag
# (-mcpu=cortex-a15 / cortex-a7) comes from the board, in kernel.cmake.
set(CMAKE_SYSTEM_NAME Generic)
set(CMAKE_SYSTEM_PROCESSOR arm)
set(CMAKE_C_COMPILER arm-none-eabi-gcc)
set(CMAKE_ASM_COMPILER arm-none-eabi-gcc)
set(CMAKE_OBJCOPY arm-none-eabi-objcopy CACHE FILEPATH "")
set(CMAKE_TRY_COMPILE_TARGET_TYPE STATIC_LIBRARY)
set(TESSERA_ARCH_FLAGS -marm -mfloat-abi=soft)
