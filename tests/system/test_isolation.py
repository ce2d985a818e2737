# SPDX-License-Identifier: BSD-2-Clause
"""The isolation matrix on target (docs/reliability.md, "Isolation"):
tests/system/systems/isolation's prober tries each row's granted case (the
positive control) and its refused ones; every refused access must fault (its
fault handler records the data abort at that address and resumes it) or return
the call's error. Rows: memory, capabilities, dataports, devices, interrupts on
every board; I/O ports on x86_64 (ARM has none); the cycle counter on ARM."""

import re

import pytest

from conftest import BOARDS, board_arch

COMMON = [
    ("memory", "its own memory reads and writes"),
    ("memory", "the neighbour's private memory at the same address reads as its own"),
    ("memory", "debug_write of the kernel's memory is BAD_ADDRESS"),
    ("capabilities", "its own notification: signal OK"),
    ("capabilities", "slots beyond its table"),
    ("dataports", "the shared dataport: the neighbour's value read, its own written"),
    ("dataports", "the read-only dataport reads the neighbour's value"),
    ("dataports", "a write to the read-only dataport at 0x20004000 faults"),
    ("dataports", "the neighbour's dataport `theirs` (not connected here) at 0x2000a000 faults"),
    ("dataports", "the guard page after `shared` at 0x20003000 faults"),
    ("devices", "the page after its window at 0x20007000 faults"),
    ("interrupts", "irq_ack of its own interrupt: OK"),
    ("interrupts", "irq_ack of any other slot is refused"),
]
PER_ARCH = {
    "arm": [
        ("memory", "RAM where the kernel and the other components live at 0x40000000 faults"),
        ("memory", "the interrupt controller at 0x8000000 faults"),
        ("devices", "its UART's registers read (PeriphID0 0x11)"),
        ("devices", "qemu-virt-a15's UART by its physical address at 0x9000000 faults"),
        ("devices", "raspi2b's UART by its physical address at 0x3f201000 faults"),
        ("cycle counter", "reading PMCCNTR (not granted) is an undefined instruction"),
        ("cycle counter", "writing PMCR (not granted) is an undefined instruction"),
    ],
    "x86_64": [
        ("memory", "the kernel at 0xffffffff80100000 faults"),
        ("memory", "the local APIC at 0xfee00000 faults"),
        ("devices", "its VGA text memory reads and writes"),
        ("devices", "VGA memory by its physical address (not granted) at 0xb8000 faults"),
        ("ioports", "in from its own port 0x3fb (LCR 0x03)"),
        ("ioports", "in from port 0x3fd (not granted) faults"),
        ("ioports", "in from port 0x80 (not granted) faults"),
    ],
}


@pytest.mark.parametrize("board", BOARDS)
def test_isolation_matrix(boot, board):
    b = boot("tests/system/systems/isolation", board)
    b.expect(r"neighbour: secret at 0x20000000, dataport theirs at 0x2000a000")
    checks = b.expect(r"isolation: \d+ checks, \d+ wrong")
    b.expect(r"neighbour: shared 0xd00d, read-only 0xe0e, secret 0x5ec7e7")   # untouched by the prober
    faults = int(b.expect(r"warden: resumed the prober after (\d+) faults").split()[5])
    status, rest = b.finish()
    log = "".join(b.log) + rest
    lines = re.findall(r"isolation: ([\w ]+): (.*) (ok|WRONG)\r*$", log, re.M)
    assert not [x for x in lines if x[2] != "ok"], lines
    for row, case in COMMON + PER_ARCH[board_arch(board)]:
        assert any(r == row and c.startswith(case) and ok == "ok" for r, c, ok in lines), (row, case, lines)
    total, wrong = (int(x) for x in re.findall(r"\d+", checks))
    assert wrong == 0 and total == len(lines)
    assert faults == sum("faults" in c or "undefined instruction" in c for _, c, _ in lines)
    if board_arch(board) == "arm":                  # granted: the counter moves, untouched by the prober
        assert re.search(r"timed: the cycle counter moved by \d+ cycles over 1000 iterations ok", log), log
    assert status == 0
