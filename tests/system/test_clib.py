# SPDX-License-Identifier: BSD-2-Clause
"""The components' C library offers the same surface on every board (picolibc
on ARM, newlib on x86_64): a CAmkES app (tests/system/apps/clib) uses assert(),
strdup, strndup, snprintf, qsort, strtol, sscanf and libutils' helper macros
from camkes.h, and prints the same lines everywhere; errno is each thread's
own, as is the line a thread is printing (the sorter's RPC handler clears
its errno and prints a line while its control thread, whose errno stays
EDOM, is half-way through one); the crasher's failing
assert() prints the C library's report and ends the component as a fault does,
so the system's exit status is FAULT (1)."""

import re
import shutil

import pytest

from conftest import BOARDS, ROOT, board_arch

APP = ROOT / "tests" / "system" / "apps" / "clib"

CLIENT = [
    "client: strdup component, strndup dataport",
    "client: qsort client crasher sorter",
    'client: snprintf "compone" wanted 12',
    'client: strtol -1234 rest "xyz", strtoul 31, overflow ERANGE',
    "client: sscanf 2: 7 35, atoi 88, abs 5",
    "client: formats 4 1099511627776 -3 ff Q  3.14|ab  |",
    "client: ARRAY_SIZE 4 MIN 1 MAX 9",
    "client: ALIGN_UP 16 ROUND_UP 15 DIV_ROUND_UP 3 BIT(5) 32",
    "client: sizeof(packed header) 5, likely 1, IS_POWER_OF_2(64) 1",
    "client: PRINT_ONCE 0, NS_IN_MS 1000000, US_IN_S 1000000, word 7",
    "sorter: sorting 5 values",
    "client: sorter says 5 values: -3 0 7 16 42",
    "sorter: the control thread's errno is still EDOM",
    "client: every assertion held",
    "crasher: checking the answer",
]

FAULT = {"arm": "undefined instruction", "x86_64": r"invalid opcode \(#UD\)"}


@pytest.fixture
def app(tmp_path):
    dst = tmp_path / "clib"
    shutil.copytree(APP, dst)
    return dst


@pytest.mark.parametrize("board", BOARDS)
def test_c_library_and_failing_assert(boot, app, board):
    b = boot(str(app), board)
    b.expect(r"system: clib, 3 component\(s\), 5 thread\(s\)\r*\n")
    status, rest = b.finish()
    lines = rest.replace("\r", "").split("\n")
    crasher = app / "components" / "Crasher" / "src" / "crasher.c"
    want = [
        *map(re.escape, CLIENT),
        re.escape(f'assertion "value == 42" failed: file "{crasher}", line 17, function: run'),
        "",
        rf"FAULT: {FAULT[board_arch(board)]} in component 'crasher' \(thread crasher.control\)",
        r"  mode: user \(PL0\)  pc: 0x[0-9a-f]{8}  address: 0x[0-9a-f]{8}",
        r"  syndrome: 0x00000000 \(.*\)",
        "  thread crasher.control stopped",
        re.escape("system: all control threads finished, status 1"),
    ]
    got = lines[:len(want)]
    assert len(got) == len(want) and all(re.fullmatch(w, g) for w, g in zip(want, got)), \
        "console differs:\n" + "\n".join(lines)
    assert status == 1


@pytest.mark.parametrize("board", BOARDS)
def test_exit_ends_the_thread_with_its_status(boot, app, board):
    """exit() from run() is run() returning that status: the system's exit status."""
    crasher = app / "components" / "Crasher" / "src" / "crasher.c"
    crasher.write_text(crasher.read_text().replace("assert(value == 42);", "exit(value);")
                       .replace("#include <stdio.h>", "#include <stdio.h>\n#include <stdlib.h>"))
    b = boot(str(app), board)
    b.expect(re.escape("client: every assertion held"))
    b.expect(re.escape("crasher: checking the answer"))
    status, rest = b.finish()
    assert "not reached" not in rest and "FAULT" not in rest
    assert "system: all control threads finished, status 41" in rest
    assert status == 41
