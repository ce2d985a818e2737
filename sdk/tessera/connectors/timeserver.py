# SPDX-License-Identifier: BSD-2-Clause
"""seL4TimeServer (TimeServer): the connector CAmkES's global components use
between a time server and its clients (global-connectors.camkes). It is
seL4RPCCall plus a notification per client, which the server signals when a
timeout of that client completes: the client instance's global endpoint
(globalendpoint.py), badged with the interface's bit:

  client  the procedure's stubs, and `seL4_CPtr <iface>_notification(void)`
          (and `_notification_badge()`, `_wait_notification()`) to wait on
  server  the dispatch thread, `void <iface>_emit(unsigned int badge)` (signal
          client `badge`), `int <iface>_largest_badge(void)`; its thread owns
          a kernel timer bound to its endpoint: when the timer fires, the
          thread calls the server's `void <iface>__timeout(void)` between
          requests, and `tessera_timer_set()` from the server's code arms it

sdk/import/TimeServer is the server this is made for."""

from .base import Ends
from .globalendpoint import global_endpoint, wait_cap
from .rpc import RPC


class TimeServer(RPC):
    kind = "timeserver"
    names = ("seL4TimeServer",)
    ends = Ends("uses", "provides")
    style = 'color="#1f4e79", style=dashed'
    template = "connectors/timeserver.c.j2"

    calls = False                   # see below

    # The deadlock check does not follow these calls: the time server answers
    # each from its own state, without calling out (sdk/import/TimeServer), so a
    # call to it cannot close a cycle. CAmkES apps connect the serial server to
    # it and it to the serial server (for putchar), which would look like one.

    def allocate(self, alloc, conn, to, froms) -> None:
        server = tuple(to.path)
        clients = alloc.ends.get(server, {}).get("clients", [])     # earlier connections to the server
        super().allocate(alloc, conn, to, froms)
        alloc.ends[server]["clients"] = clients
        for end in froms:
            badge = alloc.ends[tuple(end.path)]["badge"]
            n, bit = global_endpoint(alloc, conn.loc, end.instance, end.iface.name)
            wait_cap(alloc, end.instance, f"{end.iface.name}_notification", n)
            alloc.objs.cap(to.instance, f"{to.iface.name}_client{badge}", "NOTIFICATION", n, ["SIGNAL"], bit)
            alloc.ends[tuple(end.path)].update(kind=self.kind, notification_badge=bit)
            clients.append(badge)
        alloc.ends[server]["kind"] = self.kind

    def glue(self, alloc, inst: dict, iface, end: dict | None) -> bool:
        super().glue(alloc, inst, iface, end)
        entry = (inst["provides"] if iface.kind == "provides" else inst["uses"])[-1]
        entry["piece"] = self.template
        if iface.kind == "uses":
            entry["notification_badge"] = end["notification_badge"] if end else 0
            inst.setdefault("notification_getters", []).append(iface.name)
            return True
        entry["clients"] = sorted(end["clients"]) if end else []
        entry["timeout"] = True             # rpc.c.j2's serve loop runs <iface>__timeout() on a timer message
        # The serving thread's own timer, bound to its endpoint receive.
        name = inst["name"]
        n = alloc.objs.object("NOTIFICATION", ("timeserver-timer", name, iface.name), f"{name}.{iface.name} (timer)")
        thread = next(t for t in inst["threads"] if t["arg"] == entry["thread"])
        thread.update(timer_notification=n, timer_badge=1, bound_notification=n)
        return True


CONNECTOR = TimeServer()
