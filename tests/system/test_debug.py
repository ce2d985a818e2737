# SPDX-License-Identifier: BSD-2-Clause
"""`tessera debug`: QEMU halted with its gdbstub, gdb-multiarch attached with the
kernel's and every component's symbols; a breakpoint in a component's run()
stops there in user mode."""

from conftest import tessera


def test_debug_stops_in_a_component_with_its_symbols():
    r = tessera("debug", "--gdb-batch", "break run", "--gdb-batch", "continue",
                "--gdb-batch", "info registers cpsr", "--gdb-batch", "bt", timeout=180)
    assert "Breakpoint 1, run () at" in r.stdout
    assert "examples/hello/components/Hello/src/hello.c:11" in r.stdout
    assert "cpsr           0x60000010" in r.stdout          # USR mode: the component
    assert "__tessera_component_main" in r.stdout


def test_debug_on_the_pc_stops_in_ring_3():
    r = tessera("debug", "--board", "pc-x86_64", "--port", "1235", "--gdb-batch", "break run",
                "--gdb-batch", "continue", "--gdb-batch", "info registers cs", "--gdb-batch", "bt", timeout=180)
    assert "Breakpoint 1, run () at" in r.stdout
    assert "examples/hello/components/Hello/src/hello.c:11" in r.stdout
    assert "cs             0x2b" in r.stdout                 # ring 3: the component
    assert "__tessera_component_main" in r.stdout
