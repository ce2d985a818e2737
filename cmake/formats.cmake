# SPDX-License-Identifier: BSD-2-Clause
# Firmware formats for loaders other than QEMU's -kernel: after firmware.elf is
# linked (and firmware.bin copied out of it), tessera.formats writes
# firmware.itb (FIT, default configuration conf-1) and firmware.uImage beside
# them, loaded at TESSERA_KERNEL_LOAD_ADDRESS, and sdcard/ for boards the
# Raspberry Pi firmware boots. ARM boards only. See docs/boot.md.
if(NOT TESSERA_ARCH STREQUAL "arm")
    return()
endif()

set(_formats_py ${TESSERA_SDK_DIR}/tessera/formats.py)
add_custom_command(TARGET firmware POST_BUILD
    COMMAND ${CMAKE_COMMAND} -E env PYTHONPATH=${TESSERA_SDK_DIR}
            ${TESSERA_PYTHON} -m tessera.formats --board ${BOARD} --build-dir ${CMAKE_BINARY_DIR}
    COMMENT "firmware.itb, firmware.uImage (load address ${TESSERA_KERNEL_LOAD_ADDRESS})"
    VERBATIM)
# A post-build step runs only when firmware.elf relinks: relink when the step's
# own code changes too (the board's data already reaches the kernel's sources).
set_property(TARGET firmware APPEND PROPERTY LINK_DEPENDS ${_formats_py})
set_property(TARGET firmware APPEND PROPERTY ADDITIONAL_CLEAN_FILES
    ${CMAKE_BINARY_DIR}/firmware.its ${CMAKE_BINARY_DIR}/firmware.itb
    ${CMAKE_BINARY_DIR}/firmware.uImage ${CMAKE_BINARY_DIR}/sdcard)
