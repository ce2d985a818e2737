# SPDX-License-Identifier: BSD-2-Clause
"""seL4SharedData (SharedData): one buffer mapped into every end's address
space, at each end's own dataport address. An unconnected dataport is a
private buffer of the same shape."""

from ..errors import Diagnostic
from ..model import PAGE

DATAPORT_MAX = 64 << 20
from .base import Connector, Ends


def dataport_ctype(iface) -> str:
    return "void" if iface.type == "Buf" else iface.type


class SharedData(Connector):
    kind = "shared"
    names = ("seL4SharedData", "SharedData")
    ends = Ends("dataport", "dataport")
    fan_out = True
    settings = {"size": "the buffer's size in bytes, a multiple of 4 KiB (instead of the dataports' own)"}
    style = 'color="#2e7d32", dir=both, arrowhead=none, arrowtail=none, penwidth=2'
    template = "connectors/dataport.c.j2"

    def check(self, system, conn, to, froms) -> None:
        if "size" in conn.settings:
            return                      # the connection's size wins over the dataports'
        for end in [e for e in conn.ends if e is not to]:
            if (end.iface.size or PAGE) != (to.iface.size or PAGE):
                raise Diagnostic(end.loc, f"dataport sizes differ: '{'.'.join(end.path)}' is "
                                 f"{end.iface.size or PAGE} bytes, '{'.'.join(to.path)}' is {to.iface.size or PAGE}",
                                 "declare both dataports with the same size")

    def check_setting(self, system, conn, setting) -> None:
        v = setting.value
        if not isinstance(v, int) or isinstance(v, bool) or v <= 0 or v % PAGE or v > DATAPORT_MAX:
            raise Diagnostic(setting.loc, f"{conn.name}.size = {v!r} is not a size for shared memory",
                             f"a whole number of 4 KiB pages, at most {DATAPORT_MAX >> 20} MiB")

    def allocate(self, alloc, conn, to, froms) -> None:
        size = conn.settings["size"].value if "size" in conn.settings else to.iface.size or PAGE
        region = {"name": conn.name, "id": len(alloc.shared) + 1, "size": size, "symbol": f"shared_{conn.name}",
                  "users": [".".join(e.path) for e in conn.ends]}
        alloc.shared.append(region)
        for end in conn.ends:
            alloc.ends[tuple(end.path)] = {"kind": self.kind, "shared": region}

    def glue(self, alloc, inst: dict, iface, end: dict | None) -> bool:
        region = {"name": iface.name, "ctype": dataport_ctype(iface), "piece": self.template}
        if end is None:
            region.update(size=iface.size or PAGE, what="private")
        else:
            region.update(size=end["shared"]["size"], shared=end["shared"], what="shared")
        alloc.dataport(inst, region)
        return True


CONNECTOR = SharedData()
