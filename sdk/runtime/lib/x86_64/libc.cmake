# SPDX-License-Identifier: BSD-2-Clause
# The components' C library on x86_64: newlib. Debian packages no C library for
# bare-metal x86_64 (picolibc's packages are ARM and RISC-V only) but ships
# newlib's source (newlib-source); sdk/tessera/newlib.py builds it once with the
# host's gcc into a cache folder outside the checkout and prints where. The
# system calls beneath it are the runtime's (sdk/runtime/lib/newlib/: the
# console, the heap, each thread's struct _reent) and, as on ARM,
# sdk/runtime/lib/process.c. Included by cmake/components.cmake.
execute_process(COMMAND ${CMAKE_COMMAND} -E env PYTHONPATH=${TESSERA_SDK_DIR} ${TESSERA_PYTHON} -m tessera.newlib
                OUTPUT_VARIABLE _newlib OUTPUT_STRIP_TRAILING_WHITESPACE RESULT_VARIABLE _status)
if(NOT _status EQUAL 0)
    message(FATAL_ERROR "no C library for x86_64 components (the line above says why)")
endif()
# Configure again if the cached library goes away (a cleared ~/.cache): the next
# build then rebuilds it rather than failing to find its headers.
set_property(DIRECTORY APPEND PROPERTY CMAKE_CONFIGURE_DEPENDS ${_newlib}/BUILT)
set(_newlib ${_newlib}/x86_64-elf)
set(TESSERA_LIBC_FLAGS "SHELL:-isystem ${_newlib}/include")
set(TESSERA_LIBC_LINK_FLAGS -nostdlib -static -L${_newlib}/lib)
file(GLOB TESSERA_LIBC_SOURCES ${CMAKE_CURRENT_LIST_DIR}/../newlib/*.c)
set(TESSERA_LIBC_LIBRARIES -Wl,--start-group c m gcc -Wl,--end-group)
