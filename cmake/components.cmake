# SPDX-License-Identifier: BSD-2-Clause
# Components: each instance is compiled and linked for its own address space,
# with its generated glue and the component runtime (sdk/runtime/lib) over a C library:
# Debian's picolibc, with its console glue (sdk/runtime/lib/picolibc), unless the
# architecture's runtime names another (sdk/runtime/lib/<arch>/libc.cmake sets
# the TESSERA_LIBC_* variables below).
set(TESSERA_LIBC_FLAGS --specs=picolibc.specs)
set(TESSERA_LIBC_LINK_FLAGS --specs=picolibc.specs)
set(TESSERA_LIBC_SOURCES ${TESSERA_SDK_DIR}/runtime/lib/picolibc/stdio.c)
set(TESSERA_LIBC_LIBRARIES "")
include(${TESSERA_SDK_DIR}/runtime/lib/${TESSERA_ARCH}/libc.cmake OPTIONAL)
set(TESSERA_COMPONENT_FLAGS ${TESSERA_CPU_FLAGS} ${TESSERA_LIBC_FLAGS} -O2 -g
    -ffunction-sections -fdata-sections -Wall -Wextra)
set(TESSERA_RUNTIME_DIR ${TESSERA_SDK_DIR}/runtime/lib)
set(TESSERA_RUNTIME_INCLUDES
    ${TESSERA_SDK_DIR}/runtime/include ${TESSERA_SDK_DIR}/runtime/include/${TESSERA_ARCH} ${TESSERA_GEN_DIR}/include)

# The portable runtime plus everything in sdk/runtime/lib/<arch>/ (crt0, TLS, ...).
file(GLOB TESSERA_RUNTIME_SOURCES CONFIGURE_DEPENDS ${TESSERA_RUNTIME_DIR}/*.c
     ${TESSERA_RUNTIME_DIR}/${TESSERA_ARCH}/*.c ${TESSERA_RUNTIME_DIR}/${TESSERA_ARCH}/*.S)
add_library(tessera_runtime OBJECT ${TESSERA_RUNTIME_SOURCES} ${TESSERA_LIBC_SOURCES})
target_compile_options(tessera_runtime PRIVATE ${TESSERA_COMPONENT_FLAGS} -Werror)
# Components are C11 with GNU extensions (-std=gnu11, gcc's own default, as CAmkES
# builds them): the C library then declares its POSIX and BSD functions too
# (strdup, strndup, strtok_r, ...), which strict -std=c11 hides.
set_target_properties(tessera_runtime PROPERTIES C_EXTENSIONS ON)
target_include_directories(tessera_runtime PRIVATE ${TESSERA_RUNTIME_INCLUDES})

set(TESSERA_COMPONENT_ELFS "")

# tessera_component(<instance> TYPE <type> HEAP_SIZE <bytes> SOURCES ... [INCLUDES ...])
# Called from the generated components.cmake, once per instance.
function(tessera_component name)
    cmake_parse_arguments(C "" "TYPE;HEAP_SIZE" "SOURCES;INCLUDES" ${ARGN})
    set(target component_${name})
    add_executable(${target} ${C_SOURCES} ${TESSERA_GEN_DIR}/glue/${name}/glue.c
                   $<TARGET_OBJECTS:tessera_runtime>)
    set_target_properties(${target} PROPERTIES OUTPUT_NAME ${name} SUFFIX .elf C_EXTENSIONS ON
                          RUNTIME_OUTPUT_DIRECTORY ${CMAKE_BINARY_DIR}/components)
    target_compile_options(${target} PRIVATE ${TESSERA_COMPONENT_FLAGS})
    target_include_directories(${target} PRIVATE
        ${TESSERA_GEN_DIR}/glue/${name}/include ${C_INCLUDES} ${TESSERA_RUNTIME_INCLUDES})
    set(ld ${TESSERA_GEN_DIR}/component.ld)     # from sdk/runtime/lib/<arch>/component.ld.in
    target_link_options(${target} PRIVATE ${TESSERA_CPU_FLAGS} ${TESSERA_LIBC_LINK_FLAGS} -nostartfiles
        -T ${ld} -Wl,--defsym=TESSERA_HEAP_SIZE=${C_HEAP_SIZE} -Wl,--gc-sections
        -Wl,-Map=${CMAKE_BINARY_DIR}/components/${name}.map)
    target_link_libraries(${target} PRIVATE ${TESSERA_LIBC_LIBRARIES})
    set_target_properties(${target} PROPERTIES LINK_DEPENDS ${ld})
    set(TESSERA_COMPONENT_ELFS ${TESSERA_COMPONENT_ELFS} ${name}=$<TARGET_FILE:${target}> PARENT_SCOPE)
endfunction()

include(${TESSERA_GEN_DIR}/components.cmake)
