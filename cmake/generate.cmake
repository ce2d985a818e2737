# SPDX-License-Identifier: BSD-2-Clause
# Configure-time generation: board data, the ABI header, the system's model and
# glue. Re-runs when the description, the board, the ABI or a template changes.
set(TESSERA_ROOT ${CMAKE_CURRENT_LIST_DIR}/..)
cmake_path(NORMAL_PATH TESSERA_ROOT)
set(TESSERA_GEN_DIR ${CMAKE_BINARY_DIR}/gen)
get_filename_component(SYSTEM "${SYSTEM}" ABSOLUTE BASE_DIR ${TESSERA_ROOT})

execute_process(
    COMMAND ${CMAKE_COMMAND} -E env PYTHONPATH=${TESSERA_SDK_DIR}
            ${TESSERA_PYTHON} -m tessera.gen configure --board ${BOARD} --system ${SYSTEM} --out ${TESSERA_GEN_DIR}
    RESULT_VARIABLE _gen_rv)
if(NOT _gen_rv EQUAL 0)
    message(FATAL_ERROR "the system description has errors (see above)")
endif()

include(${TESSERA_GEN_DIR}/board.cmake)

file(STRINGS ${TESSERA_GEN_DIR}/deps.txt _adl_files)
file(GLOB _templates ${TESSERA_ROOT}/templates/*.j2)
file(GLOB _sdk_py ${TESSERA_SDK_DIR}/tessera/*.py ${TESSERA_SDK_DIR}/tessera/adl/*)
set_property(DIRECTORY APPEND PROPERTY CMAKE_CONFIGURE_DEPENDS
    ${_adl_files} ${_templates} ${_sdk_py}
    ${TESSERA_ROOT}/boards/${BOARD}/board.yaml ${TESSERA_ROOT}/kernel/api.yaml
    ${TESSERA_SDK_DIR}/runtime/lib/${TESSERA_ARCH}/component.ld.in)
file(GLOB _src_dirs LIST_DIRECTORIES true ${SYSTEM}/components/*/src)
set_property(DIRECTORY APPEND PROPERTY CMAKE_CONFIGURE_DEPENDS ${_src_dirs})
