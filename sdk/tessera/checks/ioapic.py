# SPDX-License-Identifier: BSD-2-Clause
"""CAmkES's x86 interrupt settings on a hardware instance's `emits`:

    dev.irq_irq_type = "isa";           "isa", "ioapic" or "pci" (or "simple": irq_number)
    dev.irq_irq_ioapic = 0;             the IOAPIC, counted from 0
    dev.irq_irq_ioapic_pin = 2;         its input (GSI)
    dev.irq_irq_level = 0;              "ioapic" only: 1 level-, 0 edge-triggered
    dev.irq_irq_polarity = 0;           "ioapic" only: 1 active low, 0 active high
    dev.irq_irq_vector = 2;             the CPU vector CAmkES would use, 0-107

Tessera's kernel owns the vectors (board interrupt n is vector 0x20 + n) and
programs each IOAPIC input the standard PC way: inputs 0-15 (ISA) edge-
triggered and active high, 16 and up (PCI) level-triggered and active low. So
a setting is accepted when it maps onto that routing: its interrupt becomes the
board interrupt of its pin, after the board's ISA interrupt source overrides
(board.yaml `isa_irq_overrides`: on a PC, ISA IRQ 0, the PIT, arrives at GSI 2).
A second IOAPIC, MSI, or a trigger mode the kernel does not program for that
pin is refused. The vector is checked for range and otherwise not used."""

from ..errors import Diagnostic
from .values import show

TYPES = ("simple", "isa", "ioapic", "pci")
# The setting suffixes (after `<emits>_`) and what each holds; CAmkES's manual
# also spells level and polarity irq_ioapic_level / irq_ioapic_polarity.
SETTINGS = {"irq_type": "irq_type", "irq_ioapic": "ioapic", "irq_ioapic_pin": "pin",
            "irq_level": "level", "irq_ioapic_level": "level",
            "irq_polarity": "polarity", "irq_ioapic_polarity": "polarity", "irq_vector": "vector"}
RANGES = {"ioapic": (0, 0), "pin": (0, 23), "level": (0, 1), "polarity": (0, 1), "vector": (0, 107)}
HINTS = {"ioapic": "the board has one IOAPIC: write 0",
         "pin": "an IOAPIC input is 0-23",
         "level": "1 for level-triggered, 0 for edge-triggered",
         "polarity": "1 for active low, 0 for active high",
         "vector": "CAmkES's vectors are 0-107 (Tessera chooses its own and only checks the range)"}
ISA_INPUTS = 16
TYPE_MODES = {"isa": (0, 0), "pci": (1, 1)}      # (level, polarity) that the type implies


def setting(s, what: str, entry: dict) -> None:
    """One of SETTINGS for one `emits` of a hardware instance."""
    field = SETTINGS[what]
    if field == "irq_type":
        if s.value == "msi":
            raise Diagnostic(s.loc, f"{s.instance}.{s.attr} = \"msi\": Tessera has no MSI interrupts",
                             "route the device's interrupt through the IOAPIC: \"isa\", \"ioapic\" or \"pci\"")
        if s.value not in TYPES:
            raise Diagnostic(s.loc, f'{s.instance}.{s.attr} must be "simple", "isa", "ioapic" or "pci", '
                             f"not {show(s.value)}", f'write e.g. `{s.instance}.{s.attr} = "isa";`')
    else:
        low, high = RANGES[field]
        if not isinstance(s.value, int) or isinstance(s.value, bool) or not low <= s.value <= high:
            raise Diagnostic(s.loc, f"{s.instance}.{s.attr} = {show(s.value)} is not "
                             f"{'0' if low == high else f'a whole number from {low} to {high}'}", HINTS[field])
    entry[field] = s.value
    entry["locs"][field] = s.loc


def resolve(instance: str, iface: str, entry: dict, board, explicit_number: bool) -> None:
    """Turns a typed IOAPIC interrupt into the board interrupt it arrives at
    (entry["irq_number"]), refusing what the kernel's routing cannot honour."""
    kind = entry.get("irq_type", "simple")
    locs = entry["locs"]
    name = f"{instance}.{iface}"
    overrides = {int(k): v for k, v in (board.data.get("isa_irq_overrides", {}) if board else {}).items()}
    if kind == "simple":
        n = entry.get("irq_number")
        if n is not None and n in overrides and n < ISA_INPUTS:
            entry["irq_number"] = overrides[n]
        return
    where = locs["irq_type"]
    if board is not None and board.data["irq_controller"]["driver"] != "ioapic":
        raise Diagnostic(where, f"interrupt '{name}' is of type \"{kind}\", but {board.name} has no IOAPIC",
                         f"set the board's interrupt number: `{instance}.{iface}_irq_number = <n>;`")
    if "pin" not in entry:
        raise Diagnostic(where, f"interrupt '{name}' is of type \"{kind}\" but has no IOAPIC pin",
                         f"set `{instance}.{iface}_irq_ioapic_pin = <0-23>;`")
    pin, pin_loc = entry["pin"], locs["pin"]
    level, polarity = TYPE_MODES.get(kind, (entry.get("level"), entry.get("polarity")))
    if kind == "isa" and pin < ISA_INPUTS:
        pin = overrides.get(pin, pin)
    isa = pin < ISA_INPUTS
    routed = (0, 0) if isa else (1, 1)
    for field, value, want in (("level", level, routed[0]), ("polarity", polarity, routed[1])):
        if value is not None and value != want:
            at = locs.get(field, where) if kind == "ioapic" else where
            how = "edge-triggered and active high" if isa else "level-triggered and active low"
            raise Diagnostic(at, f"interrupt '{name}': IOAPIC pin {pin} is routed {how}, "
                             f"not as {kind} {field} {value}",
                             f"pins 0-15 are ISA interrupts (edge, high) and 16-23 PCI ones (level, low); "
                             f"use \"{'isa' if isa else 'pci'}\" for pin {pin}")
    number = entry.get("irq_number")
    if explicit_number and number is not None and number != pin:
        raise Diagnostic(locs["irq_number"], f"interrupt '{name}' is set to {number} and to IOAPIC pin {pin}",
                         f"the pin is set at {pin_loc}; keep one of them")
    entry["irq_number"] = pin
    locs["irq_number"] = pin_loc
