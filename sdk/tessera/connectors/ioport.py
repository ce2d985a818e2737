# SPDX-License-Identifier: BSD-2-Clause
"""seL4HardwareIOPort (HardwareIOPort, x86 only): a device's I/O-port range,
granted to its one driver through the kernel's per-address-space I/O bitmap.
The device `provides IOPort`; the range is its `<iface>_attributes =
"first:last"` setting, or the ports of the board device it names with
`board_device`. The driver gets `<iface>_in8()` and the rest."""

from ..errors import Diagnostic
from .base import Connector, Ends

PROCEDURE = "IOPort"            # what a device provides for this connector (std_connector.camkes)


class HardwareIOPort(Connector):
    kind = "ioport"
    names = ("seL4HardwareIOPort", "HardwareIOPort")
    ends = Ends("uses", "provides", to_hardware=True)
    one_user = True
    style = 'color="#00695c", penwidth=2, style=dotted'
    template = "connectors/ioport.c.j2"

    def check_devices(self, checked, conn, device, seen: list) -> None:
        found = self.device_values(checked, conn, device, "ports", "I/O-port range '{name}' has no ports",
                                   f"set `{device.instance}.{device.iface.name}_attributes = \"0x3f8:0x3ff\";` "
                                   "(first:last) in the configuration")
        if found is None:
            return
        v, name = found
        (first, last), loc = v.ports, v.locs["attributes"]
        for p0, p1, other, oloc in seen:
            if first <= p1 and p0 <= last:
                raise Diagnostic(loc, f"I/O ports '{name}' [{first:#x}, {last:#x}] overlap '{other}' "
                                 f"[{p0:#x}, {p1:#x}]", f"an I/O port has one owner; '{other}' is set at {oloc}")
        seen.append((first, last, name, loc))
        board = checked.board
        if board is None:
            return
        grantable = board.io_port_ranges()
        if not grantable:
            raise Diagnostic(conn.loc, f"{conn.connector} connection '{conn.name}': {board.name} has no I/O ports",
                             "I/O ports are an x86 feature; reach the device's registers with seL4HardwareMMIO")
        if not any(g0 <= first and last <= g1 for _dev, (g0, g1) in grantable):
            listed = ", ".join(f"{n} {g0:#x}:{g1:#x}" for n, (g0, g1) in grantable)
            raise Diagnostic(loc, f"I/O ports '{name}' [{first:#x}, {last:#x}] are not ones {board.name} "
                             "gives to components", f"the board's device ports are: {listed}")

    def allocate(self, alloc, conn, to, froms) -> None:
        first, last = alloc.checked.hardware(to.instance, to.iface.name).ports
        alloc.ends[tuple(froms[0].path)] = {"kind": self.kind, "first": first, "last": last}

    def glue(self, alloc, inst: dict, iface, end: dict) -> bool:
        inst["ioports"].append({"name": iface.name, "first": end["first"], "last": end["last"],
                                "piece": self.template})
        return True


CONNECTOR = HardwareIOPort()
