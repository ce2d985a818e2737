# SPDX-License-Identifier: BSD-2-Clause
"""seL4DirectCall: an RPC between two components of one group (one address
space) made as a plain function call, in the caller's thread, with no IPC and
no marshalling. The client's `x_f()` calls an entry point that the server's
glue exports under a name of its own (`__tessera_direct_<server>_<iface>_<f>`,
which symbol localisation keeps global) and that calls the server's `y_f()`.
The server gets no thread for the interface; its `y__init()` still runs in its
init thread. Only between instances of the same group (docs/adl.md)."""

from ..errors import Diagnostic
from ..marshal import method_model
from .base import Connector, Ends


def direct_symbol(instance: str, iface: str, method: str) -> str:
    return f"__tessera_direct_{instance}_{iface}_{method}"


def _args(m: dict) -> str:
    return ", ".join(f"{p['name']}_sz, {p['name']}" if p["kind"] in ("array", "strings") else p["name"]
                     for p in m["params"])


class DirectCall(Connector):
    kind = "directcall"
    names = ("seL4DirectCall", "DirectCall")
    ends = Ends("uses", "provides")
    shared_to = True
    calls = False           # no thread blocks: the caller's thread runs the server's code
    style = 'color="#1f4e79", style=dotted'
    template = "connectors/directcall.c.j2"

    def check(self, system, conn, to, froms) -> None:
        server = system.instances[to.instance]
        if not server.group:
            raise Diagnostic(to.loc, f"seL4DirectCall connection '{conn.name}': '{to.instance}' is in no group",
                             "a direct call is a function call within one address space: put both ends in "
                             "one `group`, or connect them with seL4RPCCall")
        for end in froms:
            client = system.instances[end.instance]
            if client.group != server.group:
                where = f"group '{client.group}'" if client.group else "no group"
                raise Diagnostic(end.loc, f"seL4DirectCall connection '{conn.name}' crosses address spaces: "
                                 f"'{end.instance}' is in {where}, '{to.instance}' in group '{server.group}'",
                                 "a direct call is a function call within one address space: put both ends in "
                                 "the same `group`, or connect them with seL4RPCCall")

    def allocate(self, alloc, conn, to, froms) -> None:
        alloc.ends[tuple(to.path)] = {"kind": self.kind}
        for end in froms:
            alloc.ends[tuple(end.path)] = {"kind": self.kind, "server": to.instance, "server_iface": to.iface.name}

    def glue(self, alloc, inst: dict, iface, end: dict | None) -> bool:
        proc = alloc.system.prog.procedures[iface.type]
        methods = [method_model(iface.name, proc, m, label) for label, m in enumerate(proc.methods, start=1)]
        if iface.kind == "provides":
            target = (inst["name"], iface.name)
        else:
            target = (end["server"], end["server_iface"])
        for m in methods:
            m["direct"] = direct_symbol(*target, m["name"])
            m["direct_prototype"] = m["prototype"].replace(f"{m['function']}(", f"{m['direct']}(", 1)
            m["args"] = _args(m)
        entry = {"name": iface.name, "procedure": proc.name, "methods": methods, "connected": True,
                 "piece": self.template, "direct": True}
        if iface.kind == "provides":
            inst["provides"].append(entry)
            inst.setdefault("exports", []).extend(m["direct"] for m in methods)
        else:
            inst["uses"].append(entry)
        return True


CONNECTOR = DirectCall()
