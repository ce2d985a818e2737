# SPDX-License-Identifier: BSD-2-Clause
"""seL4SerialServer: the connector CAmkES's global components use for a serial
server's input (`uses GetChar` to `provides GetChar getchar`). It is
seL4RPCCall plus, per client, a 4 KiB buffer shared with the server and a
notification that the server signals when characters arrive (the client
instance's global endpoint, globalendpoint.py, badged with the interface's
bit). The serial server's Batch interfaces use it too: the client writes into
the buffer and calls batch().

  client  the procedure's stubs, `<iface>_buf` (the buffer: CAmkES's clients
          declare its type themselves, `struct { uint32_t head, tail; char
          buf[4088]; }`, so camkes.h does not) and `<iface>_notification()`
  server  `void *<iface>_buf(unsigned int badge)`, `<iface>_emit(badge)`,
          `<iface>_num_badges()`, `<iface>_enumerate_badge(i)`,
          `<iface>_largest_badge()`

sdk/import/SerialServer is the server this is made for."""

from ..model import PAGE
from .base import Ends
from .globalendpoint import global_endpoint, wait_cap
from .rpc import RPC

BUFFER = PAGE


class SerialServer(RPC):
    kind = "serialserver"
    names = ("seL4SerialServer",)
    ends = Ends("uses", "provides")
    calls = False               # GetChar.foo is never called; Batch.batch() returns without calling out
    style = 'color="#1f4e79", style=dotted'
    template = "connectors/serialserver.c.j2"

    def allocate(self, alloc, conn, to, froms) -> None:
        server = tuple(to.path)
        clients = alloc.ends.get(server, {}).get("clients", [])     # earlier connections to the server
        super().allocate(alloc, conn, to, froms)
        alloc.ends[server].update(kind=self.kind, clients=clients)
        for end in froms:
            e = alloc.ends[tuple(end.path)]
            region = alloc.shared_buffer(f"{conn.name}_{end.instance}", BUFFER,
                                         [".".join(end.path), ".".join(to.path)])
            n, bit = global_endpoint(alloc, conn.loc, end.instance, end.iface.name)
            wait_cap(alloc, end.instance, f"{end.iface.name}_notification", n)
            alloc.objs.cap(to.instance, f"{to.iface.name}_client{e['badge']}", "NOTIFICATION", n, ["SIGNAL"], bit)
            e.update(kind=self.kind, shared=region, notification_badge=bit)
            clients.append({"badge": e["badge"], "shared": region})

    def glue(self, alloc, inst: dict, iface, end: dict | None) -> bool:
        super().glue(alloc, inst, iface, end)
        entry = (inst["provides"] if iface.kind == "provides" else inst["uses"])[-1]
        entry["piece"] = self.template
        if iface.kind == "uses":
            entry["notification_badge"] = end["notification_badge"] if end else 0
            buf = {"name": f"{iface.name}_buf", "ctype": "void", "piece": "connectors/dataport.c.j2",
                   "size": BUFFER, "hidden": True}
            buf.update({"shared": end["shared"], "what": "shared"} if end else {"what": "private"})
            alloc.dataport(inst, buf)
            inst.setdefault("notification_getters", []).append(iface.name)
            return True
        clients = sorted(end["clients"], key=lambda c: c["badge"]) if end else []
        entry["clients"] = [c["badge"] for c in clients]
        entry["buffers"] = True
        for c in clients:
            alloc.dataport(inst, {"name": f"{iface.name}_buf{c['badge']}", "ctype": "void",
                                  "piece": "connectors/dataport.c.j2", "size": BUFFER, "shared": c["shared"],
                                  "what": "shared", "hidden": True})
        return True


CONNECTOR = SerialServer()
