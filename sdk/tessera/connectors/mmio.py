# SPDX-License-Identifier: BSD-2-Clause
"""seL4HardwareMMIO (HardwareMMIO): a device's register window, mapped as
Device memory into the one component that drives it. The window is the
hardware instance's `<iface>_paddr`/`_size` settings, or the board device it
names with `board_device`."""

from ..errors import Diagnostic
from ..model import PAGE
from .base import Connector, Ends
from .shared import dataport_ctype


class HardwareMMIO(Connector):
    kind = "mmio"
    names = ("seL4HardwareMMIO", "HardwareMMIO")
    ends = Ends("dataport", "dataport", to_hardware=True)
    one_user = False                    # several drivers may map one device's registers
    style = 'color="#6a1b9a", penwidth=2'
    template = "connectors/dataport.c.j2"

    def check_devices(self, checked, conn, device, seen: list) -> None:
        found = self.device_values(checked, conn, device, "paddr", "device region '{name}' has no physical address",
                                   f"set `{device.instance}.{device.iface.name}_paddr = 0x...;` in the configuration")
        if found is None:
            return
        v, name = found
        size = v.size if v.size is not None else (device.iface.size or PAGE)
        loc = v.locs["paddr"]
        if size <= 0:
            raise Diagnostic(v.locs.get("size", loc), f"device region '{name}' has size {size}",
                             "a region is at least one 4 KiB page")
        for a0, a1, other, oloc in seen:
            if v.paddr < a1 and a0 < v.paddr + size:
                raise Diagnostic(loc, f"device region '{name}' [{v.paddr:#x}, {v.paddr + size:#x}) "
                                 f"overlaps '{other}' [{a0:#x}, {a1:#x})",
                                 f"a device region has one owner; '{other}' is set at {oloc}")
        seen.append((v.paddr, v.paddr + size, name, loc))
        board = checked.board
        if board is None:
            return
        if board.in_ram(v.paddr, size):
            ram = board.data["ram"]
            raise Diagnostic(loc, f"device region '{name}' at {v.paddr:#x} lies in {board.name}'s RAM "
                             f"[{ram['base']:#x}, {ram['base'] + ram['size']:#x})",
                             "share memory between components with a dataport and seL4SharedData instead")
        if board.device_window(v.paddr, size) is None:
            listed = ", ".join(f"{w['name']} {w['base']:#x}+{w['size']:#x}" for w in board.device_windows())
            raise Diagnostic(loc, f"device region '{name}' [{v.paddr:#x}, {v.paddr + size:#x}) is not a device "
                             f"{board.name} lets components map",
                             f"the board's device windows are: {listed or 'none'}")

    def allocate(self, alloc, conn, to, froms) -> None:
        v = alloc.checked.hardware(to.instance, to.iface.name)
        size = v.size if v.size is not None else (to.iface.size or PAGE)
        for end in froms:
            alloc.ends[tuple(end.path)] = {"kind": self.kind, "paddr": v.paddr, "size": size}

    def glue(self, alloc, inst: dict, iface, end: dict) -> bool:
        alloc.dataport(inst, {"name": iface.name, "ctype": dataport_ctype(iface), "piece": self.template,
                              "size": end["size"], "paddr": end["paddr"], "what": "device"})
        return True


CONNECTOR = HardwareMMIO()
