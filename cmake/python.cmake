# SPDX-License-Identifier: BSD-2-Clause
# TESSERA_PYTHON: a Python 3 that can import the generator's dependencies
# (jinja2, yaml, lark). Debian's /usr/bin/python3 sees Debian's python3-*
# packages; a python3 earlier on PATH (pyenv, a venv) may not.
if(NOT TESSERA_PYTHON)
    foreach(candidate /usr/bin/python3 python3)
        find_program(_py NAMES ${candidate} NO_CACHE)
        if(_py)
            execute_process(COMMAND ${_py} -c "import jinja2, yaml, lark"
                            RESULT_VARIABLE _rv OUTPUT_QUIET ERROR_QUIET)
            if(_rv EQUAL 0)
                set(TESSERA_PYTHON ${_py} CACHE FILEPATH "Python for the Tessera generator")
                break()
            endif()
        endif()
        unset(_py)
    endforeach()
    if(NOT TESSERA_PYTHON)
        message(FATAL_ERROR "no Python 3 with jinja2, yaml and lark: run ./tessera setup")
    endif()
endif()
set(TESSERA_SDK_DIR ${CMAKE_CURRENT_LIST_DIR}/../sdk)
cmake_path(NORMAL_PATH TESSERA_SDK_DIR)
set(TESSERA_GEN ${CMAKE_COMMAND} -E env PYTHONPATH=${TESSERA_SDK_DIR} ${TESSERA_PYTHON} -m tessera.gen)
