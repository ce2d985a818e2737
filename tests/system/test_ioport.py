# SPDX-License-Identifier: BSD-2-Clause
"""I/O ports (seL4HardwareIOPort) on every board that gives components some
(board.yaml `user_devices` with `io_ports`: pc-x86_64): tests/system/systems/ioport's
components each reach only their own ports through the TSS's I/O bitmap, which
follows the running address space. A port of another component, or any port
for a component without the connection, is a #GP reported as a fault of that
thread alone. (The ARM boards have no I/O ports: the generator refuses the
connection, tests/sdk/diagnostics/ioport_board_has_none.camkes.)"""

import pytest

from conftest import boards_where

IOPORT_BOARDS = boards_where(lambda board: any("io_ports" in d for d in board.data.get("user_devices", [])))
FAULT = r"FAULT: general protection \(#GP\) in component '{0}' \(thread {0}.control\)"


@pytest.mark.parametrize("board", IOPORT_BOARDS)
def test_io_ports_are_per_address_space(boot, board):
    b = boot("tests/system/systems/ioport", board)
    b.expect(r"owner: LCR 0x03 through port 0x3fb")
    b.expect(r"stray: LSR transmitter empty: yes")
    b.expect(r"stray: reading port 0x3fb")
    b.expect(FAULT.format("stray"))
    b.expect(r"thread stray.control stopped")
    b.expect(r"intruder: reading port 0x3fd")
    b.expect(FAULT.format("intruder"))
    b.expect(r"thread intruder.control stopped")
    b.expect(r"survivor: still running after two port faults")
    b.expect(r"all control threads finished, status 1")
    status, rest = b.finish()
    assert "must not get here" not in "".join(b.log) + rest
    assert status == 1


@pytest.mark.parametrize("board", IOPORT_BOARDS)
def test_io_ports_follow_rpc(boot, board):
    """tests/system/systems/ioport-rpc: calls into a component with ports (a
    fast path's switch ends in C, which loads its bitmap) and replies out of
    it (the ordinary path, which clears it). A bitmap left behind either way
    is a #GP in the driver or a port read that works in the client."""
    b = boot("tests/system/systems/ioport-rpc", board)
    b.expect(r"driver: 100 calls out, echo sum 4950, port 0x64 readable after each")
    b.expect(r"client: 100 calls, 100 answers as the first")
    b.expect(r"client: reading port 0x64")
    b.expect(FAULT.format("client"))
    b.expect(r"thread client.control stopped")
    b.expect(r"all control threads finished, status 1")
    status, rest = b.finish()
    log = "".join(b.log) + rest
    assert "must not get here" not in log
    assert "FAULT: general protection (#GP) in component 'driver'" not in log
    assert status == 1
