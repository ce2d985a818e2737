# SPDX-License-Identifier: BSD-2-Clause
# Configure-time generation: board data, the ABI header, the system's model and
# glue. The generator runs once per build: `tessera build` runs it before CMake
# (tessera.build), so here it usually finds gen/configured.txt naming this board
# and system and no input in gen/deps.txt newer, and does not run it again. Run
# directly (cmake --preset, or ninja after an edit) it runs when that is not so.
# CMake re-runs this configure when an input in gen/deps.txt changes.
set(TESSERA_ROOT ${CMAKE_CURRENT_LIST_DIR}/..)
cmake_path(NORMAL_PATH TESSERA_ROOT)
set(TESSERA_GEN_DIR ${CMAKE_BINARY_DIR}/gen)
get_filename_component(SYSTEM "${SYSTEM}" ABSOLUTE BASE_DIR ${TESSERA_ROOT})

# True when gen/ holds a complete run of the generator for BOARD and SYSTEM and
# none of its inputs changed since that run began.
function(tessera_generated_is_current result)
    set(${result} FALSE PARENT_SCOPE)
    set(stamp ${TESSERA_GEN_DIR}/configured.txt)
    if(NOT EXISTS ${stamp} OR NOT EXISTS ${TESSERA_GEN_DIR}/deps.txt)
        return()
    endif()
    file(STRINGS ${stamp} done_for)
    if(NOT done_for STREQUAL "${BOARD};${SYSTEM}")
        return()
    endif()
    file(STRINGS ${TESSERA_GEN_DIR}/deps.txt inputs)
    foreach(input ${inputs})
        if("${input}" IS_NEWER_THAN "${stamp}")     # also true when missing or as old
            return()
        endif()
    endforeach()
    set(${result} TRUE PARENT_SCOPE)
endfunction()

tessera_generated_is_current(_gen_current)
if(_gen_current)
    message(STATUS "Generated sources for ${BOARD} are up to date (tessera.gen configure already ran)")
else()
    execute_process(
        COMMAND ${CMAKE_COMMAND} -E env PYTHONPATH=${TESSERA_SDK_DIR}
                ${TESSERA_PYTHON} -m tessera.gen configure --board ${BOARD} --system ${SYSTEM} --out ${TESSERA_GEN_DIR}
        RESULT_VARIABLE _gen_rv)
    if(NOT _gen_rv EQUAL 0)
        message(FATAL_ERROR "the system description has errors (see above)")
    endif()
endif()

include(${TESSERA_GEN_DIR}/board.cmake)

file(STRINGS ${TESSERA_GEN_DIR}/deps.txt _gen_inputs)
set_property(DIRECTORY APPEND PROPERTY CMAKE_CONFIGURE_DEPENDS ${_gen_inputs})
