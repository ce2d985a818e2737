# SPDX-License-Identifier: BSD-2-Clause
"""Boot tests on every board: the hello example greets from user mode and the
system exits 0; faults in components are reported and stop only their thread;
an exception in the kernel itself is reported and the system exits non-zero.
The reports have the same shape on every architecture; where the wording is
the architecture's own (its privilege level, its exceptions), WORDING says it."""

import pexpect
import pytest

from conftest import BOARDS, cmake_build, board_arch

WORDING = {
    "arm": {
        "kernel mode": r"kernel in Hyp mode \(PL2\)",
        "data fault": r"FAULT: data abort in component 'dabt' \(thread dabt.control\)",
        "data syndrome": r"syndrome: 0x9[0-9a-f]{7} \(translation fault, level 2, read\)",
        "undefined": r"FAULT: undefined instruction in component 'undef'",
        "fetch fault": r"FAULT: prefetch abort in component 'pabt'",
        "fetch syndrome": r"syndrome: 0x8[0-9a-f]{7} \(translation fault, level 2\)",
        "kernel fault": r"KERNEL PANIC: data abort in the kernel \(Hyp mode\)",
        "kernel syndrome": r"syndrome: 0x9[0-9a-f]{7} \(translation fault",
    },
    "x86_64": {
        "kernel mode": r"kernel in ring 0 \(long mode\)",
        "data fault": r"FAULT: page fault \(#PF\) in component 'dabt' \(thread dabt.control\)",
        "data syndrome": r"syndrome: 0x00000004 \(not present, user read\)",
        "undefined": r"FAULT: invalid opcode \(#UD\) in component 'undef'",
        "fetch fault": r"FAULT: page fault \(#PF\) in component 'pabt'",
        "fetch syndrome": r"syndrome: 0x00000014 \(not present, user instruction fetch\)",
        "kernel fault": r"KERNEL PANIC: page fault \(#PF\) in the kernel \(ring 0\)",
        "kernel syndrome": r"syndrome: 0x00000000 \(not present, supervisor read\)",
    },
}


@pytest.mark.parametrize("board", BOARDS)
def test_hello_greets_from_user_mode(boot, board):
    b = boot("examples/hello", board)
    b.expect(rf"Tessera \d+\.\d+\.\d+ on {board}")
    b.expect(WORDING[board_arch(board)]["kernel mode"])
    b.expect(r"memory: \d+ MiB at 0x[0-9a-f]{8}")
    b.expect(r"timer: tick 1000 Hz, interrupt \d+ reached the kernel")
    b.expect(r"system: hello, 1 component\(s\), 1 thread\(s\)")
    b.expect(r"Hello from component 'hello' in user mode!")
    b.expect(r"all control threads finished, status 0")
    status, _ = b.finish()
    assert status == 0


@pytest.mark.parametrize("board", BOARDS)
def test_component_faults_are_reported_and_contained(boot, board):
    words = WORDING[board_arch(board)]
    b = boot("tests/system/systems/faults", board)
    b.expect(words["data fault"])
    b.expect(r"pc: 0x000[0-9a-f]{5}  address: 0x00300000")
    b.expect(words["data syndrome"])
    b.expect(words["undefined"])
    b.expect(words["fetch fault"])
    b.expect(r"pc: 0x00400000  address: 0x00400000")
    b.expect(words["fetch syndrome"])
    b.expect(r"survivor: still running after three faults")
    b.expect(r"all control threads finished, status 1")
    status, rest = b.finish()
    assert "must not get here" not in "".join(b.log) + rest
    assert status == 1


@pytest.mark.parametrize("board", BOARDS)
def test_kernel_exception_is_reported(board):
    from tessera import boards, qemu
    words = WORDING[board_arch(board)]
    out = cmake_build(board, f"{board}/hello-kernel-fault", "examples/hello", "TESSERA_FAULT_INJECTION=ON")
    b = boards.load(board)
    cmd = qemu.command(b, out, icount=True)
    child = pexpect.spawn(cmd[0], cmd[1:], encoding="utf-8", timeout=60)
    child.expect(words["kernel fault"])
    child.expect(r"address: 0xf0000000")
    child.expect(words["kernel syndrome"])
    child.expect(r"system halted \(status 2\)")
    child.expect(pexpect.EOF)
    child.close()
    assert qemu.system_status(b, child.exitstatus) == 2


@pytest.mark.parametrize("board", BOARDS)
def test_bad_system_calls_return_their_error_codes(boot, board):
    b = boot("tests/system/systems/badcalls", board)
    for what in ("unknown call", "unmapped buffer", "null buffer", "wrapping buffer", "too long",
                 "straddles the top of the stack", "good call"):
        b.expect(rf"BADCALL {what}: got -?\d+ want -?\d+ (ok|WRONG)")
        assert b.child.after.endswith(" ok"), b.child.after
    b.expect("badcalls: still alive")
    status, _ = b.finish()
    assert status == 0
