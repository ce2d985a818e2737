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

# The link of one address space's ELF (components/<name>.elf), for the image step.
function(_tessera_link target name heap_size)
    set_target_properties(${target} PROPERTIES OUTPUT_NAME ${name} SUFFIX .elf C_EXTENSIONS ON
                          RUNTIME_OUTPUT_DIRECTORY ${CMAKE_BINARY_DIR}/components)
    set(ld ${TESSERA_GEN_DIR}/component.ld)     # from sdk/runtime/lib/<arch>/component.ld.in
    target_link_options(${target} PRIVATE ${TESSERA_CPU_FLAGS} ${TESSERA_LIBC_LINK_FLAGS} -nostartfiles
        -T ${ld} -Wl,--defsym=TESSERA_HEAP_SIZE=${heap_size} -Wl,--gc-sections
        -Wl,-Map=${CMAKE_BINARY_DIR}/components/${name}.map)
    target_link_libraries(${target} PRIVATE ${TESSERA_LIBC_LIBRARIES})
    set_target_properties(${target} PROPERTIES LINK_DEPENDS ${ld})
endfunction()

# tessera_component(<instance> TYPE <type> HEAP_SIZE <bytes> SOURCES ... [INCLUDES ...])
# Called from the generated components.cmake, once per instance with an address space of its own.
function(tessera_component name)
    cmake_parse_arguments(C "" "TYPE;HEAP_SIZE" "SOURCES;INCLUDES" ${ARGN})
    set(target component_${name})
    add_executable(${target} ${C_SOURCES} ${TESSERA_GEN_DIR}/glue/${name}/glue.c
                   $<TARGET_OBJECTS:tessera_runtime>)
    target_compile_options(${target} PRIVATE ${TESSERA_COMPONENT_FLAGS})
    target_include_directories(${target} PRIVATE
        ${TESSERA_GEN_DIR}/glue/${name}/include ${C_INCLUDES} ${TESSERA_RUNTIME_INCLUDES})
    _tessera_link(${target} ${name} ${C_HEAP_SIZE})
    set(TESSERA_COMPONENT_ELFS ${TESSERA_COMPONENT_ELFS} ${name}=$<TARGET_FILE:${target}> PARENT_SCOPE)
endfunction()

# tessera_member(<instance> TYPE <type> SOURCES ... [INCLUDES ...]): a member of a
# group (docs/adl.md, Groups). Its sources and glue are compiled as an instance's,
# linked together into one relocatable object (components/<instance>.o), and every
# symbol in it is made local except its entry points (glue/<instance>/exports.txt:
# its start code, its seL4DirectCall entries), as CAmkES localises each component
# of a group: two members may both define run(), or a helper of the same name.
function(tessera_member name)
    cmake_parse_arguments(C "" "TYPE" "SOURCES;INCLUDES" ${ARGN})
    set(target member_${name})
    add_library(${target} OBJECT ${C_SOURCES} ${TESSERA_GEN_DIR}/glue/${name}/glue.c)
    set_target_properties(${target} PROPERTIES C_EXTENSIONS ON)
    target_compile_options(${target} PRIVATE ${TESSERA_COMPONENT_FLAGS})
    target_include_directories(${target} PRIVATE
        ${TESSERA_GEN_DIR}/glue/${name}/include ${C_INCLUDES} ${TESSERA_RUNTIME_INCLUDES})
    set(obj ${CMAKE_BINARY_DIR}/components/${name}.o)
    set(exports ${TESSERA_GEN_DIR}/glue/${name}/exports.txt)
    add_custom_command(OUTPUT ${obj}
        COMMAND ${CMAKE_C_COMPILER} -nostdlib -r -o ${obj}.all $<TARGET_OBJECTS:${target}>
        COMMAND ${CMAKE_OBJCOPY} --keep-global-symbols=${exports} ${obj}.all ${obj}
        DEPENDS ${target} $<TARGET_OBJECTS:${target}> ${exports}
        COMMENT "Group member ${name}: one object, its symbols local but its entry points"
        COMMAND_EXPAND_LISTS VERBATIM)
endfunction()

# tessera_group(<group> HEAP_SIZE <bytes> MEMBERS ...): one ELF, one address space,
# from its members' objects, the group's glue (glue/<group>/group.c: the entry that
# starts each thread in its member) and one copy of the runtime.
function(tessera_group name)
    cmake_parse_arguments(C "" "HEAP_SIZE" "MEMBERS" ${ARGN})
    set(objs "")
    foreach(m ${C_MEMBERS})
        list(APPEND objs ${CMAKE_BINARY_DIR}/components/${m}.o)
    endforeach()
    set_source_files_properties(${objs} PROPERTIES EXTERNAL_OBJECT TRUE GENERATED TRUE)
    set(target component_${name})
    add_executable(${target} ${objs} ${TESSERA_GEN_DIR}/glue/${name}/group.c $<TARGET_OBJECTS:tessera_runtime>)
    target_compile_options(${target} PRIVATE ${TESSERA_COMPONENT_FLAGS})
    target_include_directories(${target} PRIVATE ${TESSERA_RUNTIME_INCLUDES})
    _tessera_link(${target} ${name} ${C_HEAP_SIZE})
    set(TESSERA_COMPONENT_ELFS ${TESSERA_COMPONENT_ELFS} ${name}=$<TARGET_FILE:${target}> PARENT_SCOPE)
endfunction()

include(${TESSERA_GEN_DIR}/components.cmake)
