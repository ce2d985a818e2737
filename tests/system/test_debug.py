# SPDX-License-Identifier: BSD-2-Clause
"""`tessera debug`: QEMU halted with its gdbstub, gdb-multiarch attached with the
kernel's and every component's symbols; a breakpoint in a component's run()
stops there in user mode. On one board of each architecture in boards/."""

import pytest

from conftest import BOARDS, board_arch, tessera

# Per architecture: the register that shows the privilege level, and its value in a component.
USER_MODE = {
    "arm": ("cpsr", "cpsr           0x60000010"),       # USR mode
    "x86_64": ("cs", "cs             0x2b"),             # ring 3
}
FIRST_OF_EACH_ARCH = {}
for _board in BOARDS:
    FIRST_OF_EACH_ARCH.setdefault(board_arch(_board), _board)
ONE_PER_ARCH = list(FIRST_OF_EACH_ARCH.values())


@pytest.mark.parametrize("board", ONE_PER_ARCH)
def test_debug_stops_in_a_component_with_its_symbols(board):
    register, shown = USER_MODE[board_arch(board)]
    port = str(1234 + ONE_PER_ARCH.index(board))
    r = tessera("debug", "--board", board, "--port", port, "--gdb-batch", "break run", "--gdb-batch", "continue",
                "--gdb-batch", f"info registers {register}", "--gdb-batch", "bt", timeout=180)
    assert "Breakpoint 1, run () at" in r.stdout
    assert "examples/hello/components/Hello/src/hello.c:11" in r.stdout
    assert shown in r.stdout
    assert "__tessera_component_main" in r.stdout
