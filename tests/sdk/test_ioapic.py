# SPDX-License-Identifier: BSD-2-Clause
"""CAmkES's x86 interrupt settings (sdk/tessera/checks/ioapic.py) become the
board interrupt the kernel routes: an IOAPIC pin is board interrupt <pin>, and
an ISA interrupt goes through the board's interrupt source overrides (on
pc-x86_64, ISA IRQ 0, the PIT, arrives at GSI 2). The refusals are fixtures
(tests/sdk/diagnostics/ioapic_*.camkes)."""

import pytest

from frontend import generate
from tessera import boards

SYSTEM = """
import <std_connector.camkes>;
component Dev {{ hardware; emits IRQ irq; }}
component Drv {{ control; consumes IRQ irq; }}
assembly {{ composition {{ component Dev dev; component Drv drv;
    connection seL4HardwareInterrupt i(from dev.irq, to drv.irq); }}
    configuration {{ {settings} }} }}
"""


@pytest.mark.parametrize("settings, number", [
    ('dev.irq_irq_type = "isa"; dev.irq_irq_ioapic = 0; dev.irq_irq_ioapic_pin = 2; dev.irq_irq_vector = 2;', 2),
    ('dev.irq_irq_type = "isa"; dev.irq_irq_ioapic = 0; dev.irq_irq_ioapic_pin = 0;', 2),   # ISA IRQ 0 -> GSI 2
    ("dev.irq_irq_number = 0;", 2),
    ('dev.irq_irq_type = "ioapic"; dev.irq_irq_ioapic_pin = 1; dev.irq_irq_level = 0; '
     'dev.irq_irq_polarity = 0;', 1),
    ('dev.irq_irq_type = "ioapic"; dev.irq_irq_ioapic_pin = 4; dev.irq_irq_ioapic_level = 0;', 4),
    ('dev.irq_irq_type = "simple"; dev.irq_irq_number = 4;', 4),
    ('dev.board_device = "pit"; dev.irq_irq_type = "isa"; dev.irq_irq_ioapic_pin = 2;', 2),
])
def test_ioapic_settings_give_the_board_interrupt(tmp_path, settings, number):
    top = tmp_path / "sys.camkes"
    top.write_text(SYSTEM.format(settings=settings))
    model = generate(top, boards.load("pc-x86_64"))
    assert [irq["number"] for irq in model["irqs"]] == [number]
