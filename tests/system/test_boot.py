# SPDX-License-Identifier: BSD-2-Clause
"""Boot tests on every ARM board: the hello example greets from user mode and the
system exits 0; faults in components are reported and stop only their thread;
an exception in the kernel itself is reported and the system exits non-zero."""

import pexpect
import pytest

from conftest import ARM_BOARDS, ROOT, cmake_build


@pytest.mark.parametrize("board", ARM_BOARDS)
def test_hello_greets_from_user_mode(boot, board):
    b = boot("examples/hello", board)
    b.expect(rf"Tessera \d+\.\d+\.\d+ on {board}")
    b.expect(r"kernel in Hyp mode \(PL2\)")
    b.expect(r"memory: \d+ MiB at 0x[0-9a-f]{8}")
    b.expect(r"timer: tick 1000 Hz, interrupt \d+ reached the kernel")
    b.expect(r"system: hello, 1 component\(s\), 1 thread\(s\)")
    b.expect(r"Hello from component 'hello' in user mode!")
    b.expect(r"all control threads finished, status 0")
    status, _ = b.finish()
    assert status == 0


@pytest.mark.parametrize("board", ARM_BOARDS)
def test_component_faults_are_reported_and_contained(boot, board):
    b = boot("tests/system/systems/faults", board)
    b.expect(r"FAULT: data abort in component 'dabt' \(thread dabt.control\)")
    b.expect(r"pc: 0x000[0-9a-f]{5}  address: 0x00300000")
    b.expect(r"syndrome: 0x9[0-9a-f]{7} \(translation fault, level 2, read\)")
    b.expect(r"FAULT: undefined instruction in component 'undef'")
    b.expect(r"FAULT: prefetch abort in component 'pabt'")
    b.expect(r"pc: 0x00400000  address: 0x00400000")
    b.expect(r"survivor: still running after three faults")
    b.expect(r"all control threads finished, status 1")
    status, rest = b.finish()
    assert "must not get here" not in "".join(b.log) + rest
    assert status == 1


@pytest.mark.parametrize("board", ARM_BOARDS)
def test_kernel_exception_is_reported(board):
    out = cmake_build(board, f"{board}/hello-kernel-fault", "examples/hello", "TESSERA_FAULT_INJECTION=ON")
    import yaml
    q = yaml.safe_load((ROOT / "boards" / board / "board.yaml").read_text())["qemu"]
    child = pexpect.spawn(q["binary"], [*q["args"], "-icount", "shift=0,sleep=off", "-kernel",
                                        str(out / "firmware.elf")], encoding="utf-8", timeout=60)
    child.expect(r"KERNEL PANIC: data abort in the kernel \(Hyp mode\)")
    child.expect(r"address: 0xf0000000")
    child.expect(r"syndrome: 0x9[0-9a-f]{7} \(translation fault")
    child.expect(r"system halted \(status 2\)")
    child.expect(pexpect.EOF)
    child.close()
    assert child.exitstatus == 2


@pytest.mark.parametrize("board", ARM_BOARDS)
def test_bad_system_calls_return_their_error_codes(boot, board):
    b = boot("tests/system/systems/badcalls", board)
    for what in ("unknown call", "unmapped buffer", "null buffer", "wrapping buffer", "too long",
                 "straddles the top of the stack", "good call"):
        b.expect(rf"BADCALL {what}: got -?\d+ want -?\d+ (ok|WRONG)")
        assert b.child.after.endswith(" ok"), b.child.after
    b.expect("badcalls: still alive")
    status, _ = b.finish()
    assert status == 0
