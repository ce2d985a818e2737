# SPDX-License-Identifier: BSD-2-Clause
"""seL4SharedData (SharedData): one buffer mapped into every end's address
space, at each end's own dataport address. An unconnected dataport is a
private buffer of the same shape."""

from ..errors import Diagnostic
from ..model import PAGE
from .base import Connector, Ends


def dataport_ctype(iface) -> str:
    return "void" if iface.type == "Buf" else iface.type


class SharedData(Connector):
    kind = "shared"
    names = ("seL4SharedData", "SharedData")
    ends = Ends("dataport", "dataport")
    style = 'color="#2e7d32", dir=both, arrowhead=none, arrowtail=none, penwidth=2'
    template = "connectors/dataport.c.j2"

    def check(self, system, conn, to, froms) -> None:
        for end in froms:
            if (end.iface.size or PAGE) != (to.iface.size or PAGE):
                raise Diagnostic(end.loc, f"dataport sizes differ: '{'.'.join(end.path)}' is "
                                 f"{end.iface.size or PAGE} bytes, '{'.'.join(to.path)}' is {to.iface.size or PAGE}",
                                 "declare both dataports with the same size")

    def allocate(self, alloc, conn, to, froms) -> None:
        region = {"name": conn.name, "size": to.iface.size or PAGE, "symbol": f"shared_{conn.name}",
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
