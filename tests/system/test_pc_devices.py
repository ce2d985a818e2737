# SPDX-License-Identifier: BSD-2-Clause
"""The legacy PC devices CAmkES x86 apps expect on pc-x86_64
(tests/system/apps/pc-devices, in CAmkES's layout): the PIT's channel 0 and its
interrupt, described with CAmkES's IOAPIC attributes (`irq_irq_type = "isa"`,
pin 2); the PS/2 controller's ports and interrupt (`"ioapic"`, pin 1, edge,
active high: its self test's answer, 0x55, raises IRQ 1, the status port says
the output buffer is full, the data port holds it); VGA text memory at
0xb8000 through seL4HardwareMMIO. The refusals are fixtures:
tests/sdk/diagnostics/ioapic_*."""

import pytest

APP = "tests/system/apps/pc-devices"


@pytest.mark.parametrize("board", ["pc-x86_64"])
def test_pit_ps2_and_vga_text_memory(boot, board):
    b = boot(APP, board)
    b.expect(r"ps2: self test answered 0x55 after interrupt 1, output buffer full")
    b.expect(r'vga: read back "Tessera VGA" from 0xb8000')
    for tick in (1, 2, 3):
        b.expect(rf"pit: tick {tick}\s")
    b.expect(r"pc-devices: done")
    b.expect(r"all control threads finished, status 0")
    status, _ = b.finish()
    assert status == 0
