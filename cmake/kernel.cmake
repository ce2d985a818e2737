# SPDX-License-Identifier: BSD-2-Clause
# The kernel: generic code from kernel/, the architecture from arch/<arch>/,
# and the drivers the board names. Warnings are errors.
# The toolchain file may set how the board's CPU is named to the compiler and
# the kernel's own code-generation flags; these defaults are ARM's (-mcpu, and
# no unaligned accesses in code that runs before the MMU is on).
if(NOT DEFINED TESSERA_CPU_OPTION)
    set(TESSERA_CPU_OPTION -mcpu=)
endif()
if(NOT DEFINED TESSERA_ARCH_KERNEL_FLAGS)
    set(TESSERA_ARCH_KERNEL_FLAGS -mno-unaligned-access)
endif()
set(TESSERA_CPU_FLAGS ${TESSERA_CPU_OPTION}${TESSERA_CPU} ${TESSERA_ARCH_FLAGS})
set(TESSERA_KERNEL_FLAGS ${TESSERA_CPU_FLAGS} -ffreestanding -fno-common -O2 -g
    -Wall -Wextra -Werror ${TESSERA_ARCH_KERNEL_FLAGS} -ffunction-sections -fdata-sections -flto)

option(TESSERA_FAULT_INJECTION "Test only: the kernel takes a data abort after its banner" OFF)
set(CONFIG_FAULT_INJECTION ${TESSERA_FAULT_INJECTION})
configure_file(${TESSERA_ROOT}/cmake/kernel_config.h.in ${TESSERA_GEN_DIR}/include/kernel_config.h)
configure_file(${TESSERA_ROOT}/cmake/version.h.in ${TESSERA_GEN_DIR}/include/tessera/version.h @ONLY)

file(GLOB KERNEL_SOURCES CONFIGURE_DEPENDS ${TESSERA_ROOT}/kernel/*.c)
list(FILTER KERNEL_SOURCES EXCLUDE REGEX "/fault_injection\\.c$")
if(TESSERA_FAULT_INJECTION)
    list(APPEND KERNEL_SOURCES ${TESSERA_ROOT}/kernel/fault_injection.c)
endif()
file(GLOB ARCH_SOURCES CONFIGURE_DEPENDS ${TESSERA_ROOT}/arch/${TESSERA_ARCH}/*.c ${TESSERA_ROOT}/arch/${TESSERA_ARCH}/*.S)
set(DRIVER_SOURCES
    ${TESSERA_ROOT}/arch/${TESSERA_ARCH}/drivers/${TESSERA_CONSOLE_DRIVER}.c
    ${TESSERA_ROOT}/arch/${TESSERA_ARCH}/drivers/${TESSERA_IRQ_DRIVER}.c)
file(GLOB BOARD_SOURCES ${TESSERA_ROOT}/boards/${BOARD}/*.c)

add_library(tessera_kernel OBJECT ${KERNEL_SOURCES} ${ARCH_SOURCES} ${DRIVER_SOURCES} ${BOARD_SOURCES})
target_compile_options(tessera_kernel PRIVATE ${TESSERA_KERNEL_FLAGS})
target_include_directories(tessera_kernel PRIVATE
    ${TESSERA_ROOT}/kernel/include
    ${TESSERA_ROOT}/arch/${TESSERA_ARCH}/include
    ${TESSERA_GEN_DIR}/include)
