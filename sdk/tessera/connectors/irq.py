# SPDX-License-Identifier: BSD-2-Clause
"""seL4HardwareInterrupt (HardwareInterrupt): a device's interrupt, delivered
to its one driver as a consumed event, masked until `<iface>_acknowledge()`.
The number is the hardware instance's `<iface>_irq_number`, or the interrupt
of the board device it names with `board_device`."""

from ..errors import Diagnostic
from .base import Ends
from .notification import Notification


class HardwareInterrupt(Notification):
    kind = "irq"
    names = ("seL4HardwareInterrupt", "HardwareInterrupt")
    ends = Ends("emits", "consumes", from_hardware=True)
    one_user = True
    shared_to = False
    style = 'color="#c62828", arrowhead=vee'
    template = "connectors/irq.c.j2"

    def check_devices(self, checked, conn, device, seen: list) -> None:
        found = self.device_values(checked, conn, device, "irq_number", "interrupt '{name}' has no number",
                                   f"set `{device.instance}.{device.iface.name}_irq_number = <n>;` in the configuration")
        if found is None:
            return
        v, name = found
        n, loc = v.irq_number, v.locs["irq_number"]
        for other_n, other, oloc in seen:
            if other_n == n:
                raise Diagnostic(loc, f"interrupt {n} has two owners: '{name}' and '{other}'",
                                 f"an interrupt goes to one component; the other is set at {oloc}")
        seen.append((n, name, loc))
        board = checked.board
        if board is not None and n not in board.device_irqs():
            raise Diagnostic(loc, f"interrupt {n} for '{name}' is not one {board.name} gives to components",
                             f"the board's device interrupts are: {', '.join(map(str, board.device_irqs())) or 'none'}")

    def allocate(self, alloc, conn, to, froms) -> None:
        src = froms[0]
        number = alloc.checked.hardware(src.instance, src.iface.name).irq_number
        n = alloc.objs.object("NOTIFICATION", tuple(to.path), f"{'.'.join(to.path)} (interrupt {number})")
        alloc.objs.cap(to.instance, to.iface.name, "NOTIFICATION", n, ["WAIT"])
        alloc.objs.irqs.append({"number": number, "notification": n, "badge": 1, "owner": ".".join(to.path)})
        alloc.objs.cap(to.instance, f"{to.iface.name}_irq", "IRQ", len(alloc.objs.irqs) - 1, ["ACK"])
        alloc.ends[tuple(to.path)] = {"kind": self.kind, "number": number}

    def glue(self, alloc, inst: dict, iface, end: dict) -> bool:
        self.consumer(alloc, inst, iface, end, interrupt=True)
        return True


CONNECTOR = HardwareInterrupt()
