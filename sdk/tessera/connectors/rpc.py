# SPDX-License-Identifier: BSD-2-Clause
"""seL4RPCCall (RPC): a procedure called synchronously. The server gets a
receive capability and a thread per provided interface; each client a badged
call capability and a stub per method (marshal.py packs the messages)."""

from ..marshal import method_model
from .base import Connector, Ends


class RPC(Connector):
    kind = "rpc"
    names = ("seL4RPCCall", "RPC")
    ends = Ends("uses", "provides")
    shared_to = True
    calls = True
    style = 'color="#1f4e79"'
    template = "connectors/rpc.c.j2"

    def allocate(self, alloc, conn, to, froms) -> None:
        ep = alloc.objs.object("ENDPOINT", tuple(to.path), ".".join(to.path))
        if alloc.objs.find_cap(*to.path) is None:
            alloc.objs.cap(to.instance, to.iface.name, "ENDPOINT", ep, ["RECEIVE"])
        alloc.ends[tuple(to.path)] = {"kind": self.kind}
        for end in froms:
            badge = alloc.objs.next_badge(tuple(to.path))
            alloc.objs.cap(end.instance, end.iface.name, "ENDPOINT", ep, ["SEND", "GRANT"], badge)
            alloc.ends[tuple(end.path)] = {"kind": self.kind, "badge": badge}

    def glue(self, alloc, inst: dict, iface, end: dict | None) -> bool:
        name = inst["name"]
        proc = alloc.system.prog.procedures[iface.type]
        methods = [method_model(iface.name, proc, m, label) for label, m in enumerate(proc.methods, start=1)]
        entry = {"name": iface.name, "procedure": proc.name, "methods": methods,
                 "connected": end is not None, "piece": self.template,
                 "req_bytes": any(m["req_bytes"] for m in methods)}
        if iface.kind == "provides":
            if end is None:
                n = alloc.objs.object("ENDPOINT", (name, iface.name), f"{name}.{iface.name} (unconnected)")
                alloc.objs.cap(name, iface.name, "ENDPOINT", n, ["RECEIVE"])
            entry["thread"] = alloc.thread(inst, "rpc", iface.name)
            inst["provides"].append(entry)
        else:
            inst["uses"].append(entry)
        return True


CONNECTOR = RPC()
