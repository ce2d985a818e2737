# SPDX-License-Identifier: BSD-2-Clause
"""seL4GlobalAsynch and seL4GlobalAsynchCallback (global-connectors.camkes):
CAmkES's events on the consumer's *global endpoint* (globalendpoint.py), the
one notification an instance shares among its global connectors' waiting
ends, each interface with a badge bit of its own. One emitter per connection,
one or more consumers (CAmkES declares them `from Event; to Events`), and a
consumer may be the 'to' end of several connections.

  emitter   `<iface>_emit()`: signals each consumer's global endpoint with the
            consumer interface's bit
  consumer  no `_wait()`, `_poll()` or `_reg_callback()`: `seL4_CPtr
            <iface>_notification(void)`, `seL4_Word
            <iface>_notification_badge(void)` (its bit) and
            `<iface>_wait_notification()`, to use with seL4_Wait()/seL4_Poll()

seL4GlobalAsynchCallback's consumer has, besides, a thread of its own (the
interface's thread, `<instance>.<iface>`) that waits on the global endpoint
and calls the component's `void <iface>_callback(seL4_Word badge)` with the
bits that woke it, every time: whatever signals the global endpoint wakes it,
a time server's completion for a seL4TimeServer client of the same instance
as much as this connection's emitter. In CAmkES that emitter is a
placeholder (TimeServer's `timer_notification` is connected with it so that
a client's callback runs when the client's timeouts complete); Tessera's
emitter signals as seL4GlobalAsynch's does."""

from ..errors import Diagnostic
from .base import Ends
from .globalendpoint import global_endpoint, wait_cap
from .notification import Notification


class GlobalAsynch(Notification):
    kind = "global_asynch"
    names = ("seL4GlobalAsynch",)
    ends = Ends("emits", "consumes")
    shared_to = True
    fan_out = True
    style = 'color="#b35900", style=dashed, arrowhead=vee'
    template = "connectors/globalasynch.c.j2"
    callback = False

    def check(self, system, conn, to, froms) -> None:
        if len(froms) > 1:
            raise Diagnostic(froms[1].loc, f"{conn.connector} connection '{conn.name}' has {len(froms)} "
                             f"'from' ends", f"CAmkES declares {conn.connector} `from Event`: one emitter per "
                             "connection (with one or more 'to' ends); connect each emitter on its own")

    def allocate(self, alloc, conn, to, froms) -> None:
        for to in [e for e in conn.ends if e.direction == "to"]:
            n, bit = global_endpoint(alloc, conn.loc, to.instance, to.iface.name)
            wait_cap(alloc, to.instance, to.iface.name, n)
            alloc.ends[tuple(to.path)] = {"kind": self.kind, "badge": bit}
            for end in froms:
                emitter = alloc.ends.setdefault(tuple(end.path), {"kind": self.kind, "caps": []})
                name = end.iface.name if not emitter["caps"] else f"{end.iface.name}_{len(emitter['caps'])}"
                alloc.objs.cap(end.instance, name, "NOTIFICATION", n, ["SIGNAL"], bit)
                emitter["caps"].append(name)

    def glue(self, alloc, inst: dict, iface, end: dict) -> bool:
        if iface.kind == "emits":
            return super().glue(alloc, inst, iface, end)
        entry = {"name": iface.name, "piece": self.template, "global": True, "badge": end["badge"],
                 "callback": self.callback, "irq": False}
        if self.callback:
            entry["thread"] = alloc.thread(inst, "event", iface.name)
        inst["consumes"].append(entry)
        inst.setdefault("notification_getters", []).append(iface.name)
        return True


class GlobalAsynchCallback(GlobalAsynch):
    kind = "global_asynch_callback"
    names = ("seL4GlobalAsynchCallback",)
    callback = True


CONNECTORS = (GlobalAsynch(), GlobalAsynchCallback())
