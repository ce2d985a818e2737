# SPDX-License-Identifier: BSD-2-Clause
# The image step and the firmware: the spec and the embedded component images
# are generated from the linked components, then linked with the kernel.
set(_spec ${TESSERA_GEN_DIR}/system_spec.c)
set(_images ${TESSERA_GEN_DIR}/images.S)
set(_component_targets "")
foreach(inst ${TESSERA_INSTANCES})
    list(APPEND _component_targets component_${inst})
endforeach()

add_custom_command(
    OUTPUT ${TESSERA_GEN_DIR}/image.stamp
    BYPRODUCTS ${_spec} ${_images}
    COMMAND ${TESSERA_GEN} image --out ${TESSERA_GEN_DIR} ${TESSERA_COMPONENT_ELFS}
    COMMAND ${CMAKE_COMMAND} -E touch ${TESSERA_GEN_DIR}/image.stamp
    DEPENDS ${_component_targets} ${TESSERA_GEN_DIR}/model.json
            ${TESSERA_ROOT}/templates/system_spec.c.j2 ${TESSERA_ROOT}/templates/images.S.j2
    COMMENT "Image step: spec and component images"
    VERBATIM)
add_custom_target(tessera_image DEPENDS ${TESSERA_GEN_DIR}/image.stamp)

configure_file(${TESSERA_ROOT}/arch/${TESSERA_ARCH}/kernel.ld.in ${CMAKE_BINARY_DIR}/kernel.ld @ONLY)

add_executable(firmware ${_spec} ${_images} $<TARGET_OBJECTS:tessera_kernel>)
add_dependencies(firmware tessera_image)
set_target_properties(firmware PROPERTIES SUFFIX .elf LINK_DEPENDS ${CMAKE_BINARY_DIR}/kernel.ld)
set(_elf_paths "")
foreach(inst ${TESSERA_INSTANCES})
    list(APPEND _elf_paths ${CMAKE_BINARY_DIR}/components/${inst}.elf)
endforeach()
set_source_files_properties(${_images} PROPERTIES OBJECT_DEPENDS "${_elf_paths};${TESSERA_VM_IMAGES}")
target_compile_options(firmware PRIVATE ${TESSERA_KERNEL_FLAGS})
target_include_directories(firmware PRIVATE ${TESSERA_ROOT}/kernel/include
    ${TESSERA_ROOT}/arch/${TESSERA_ARCH}/include ${TESSERA_GEN_DIR}/include)
target_link_options(firmware PRIVATE ${TESSERA_CPU_FLAGS} -flto -O2 ${TESSERA_ARCH_KERNEL_FLAGS} -nostdlib -static -T ${CMAKE_BINARY_DIR}/kernel.ld
    -Wl,--gc-sections -Wl,-Map=${CMAKE_BINARY_DIR}/firmware.map)
target_link_libraries(firmware PRIVATE gcc)
# A raw image for loaders that want one; the board lists its formats
# (board.yaml kernel.formats, default elf and bin).
if("bin" IN_LIST TESSERA_IMAGE_FORMATS)
    add_custom_command(TARGET firmware POST_BUILD
        COMMAND ${CMAKE_OBJCOPY} -O binary $<TARGET_FILE:firmware> ${CMAKE_BINARY_DIR}/firmware.bin
        COMMENT "firmware.bin")
endif()
