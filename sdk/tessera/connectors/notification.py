# SPDX-License-Identifier: BSD-2-Clause
"""seL4Notification (Notification): an event. Each emitter gets a signal
capability on the consumer's notification; the consumer a wait capability,
`_wait`/`_poll`, and a thread that runs its one-shot callbacks."""

from .base import Connector, Ends


class Notification(Connector):
    kind = "notification"
    names = ("seL4Notification", "Notification")
    ends = Ends("emits", "consumes")
    shared_to = True
    fan_out = True
    style = 'color="#b35900", arrowhead=vee'
    template = "connectors/notification.c.j2"

    def allocate(self, alloc, conn, to, froms) -> None:
        """One notification per consumer; an emitter signals each (one-to-many
        is a connection with several 'to' ends)."""
        for to in [e for e in conn.ends if e.direction == "to"]:
            n = alloc.objs.object("NOTIFICATION", tuple(to.path), ".".join(to.path))
            if alloc.objs.find_cap(*to.path) is None:
                alloc.objs.cap(to.instance, to.iface.name, "NOTIFICATION", n, ["WAIT"])
            alloc.ends[tuple(to.path)] = {"kind": self.kind}
            for end in froms:
                emitter = alloc.ends.setdefault(tuple(end.path), {"kind": self.kind, "caps": []})
                name = end.iface.name if not emitter["caps"] else f"{end.iface.name}_{len(emitter['caps'])}"
                alloc.objs.cap(end.instance, name, "NOTIFICATION", n, ["SIGNAL"], 1)
                emitter["caps"].append(name)

    def glue(self, alloc, inst: dict, iface, end: dict | None) -> bool:
        if iface.kind == "emits":
            inst["emits"].append({"name": iface.name, "connected": end is not None, "piece": self.template,
                                  "caps": end["caps"] if end is not None else []})
        else:
            self.consumer(alloc, inst, iface, end)
        return True

    def consumer(self, alloc, inst: dict, iface, end: dict | None, interrupt: bool = False) -> None:
        """A consumed event: its notification (its own when unconnected), the
        notification that arms its callbacks, and the callbacks' thread."""
        name = inst["name"]
        if end is None:
            n = alloc.objs.object("NOTIFICATION", (name, iface.name), f"{name}.{iface.name} (unconnected)")
            alloc.objs.cap(name, iface.name, "NOTIFICATION", n, ["WAIT"])
        arm = alloc.objs.object("NOTIFICATION", ("arm", name, iface.name), f"{name}.{iface.name} callbacks")
        alloc.objs.cap(name, f"{iface.name}_arm", "NOTIFICATION", arm, ["SIGNAL", "WAIT"], 1)
        inst["consumes"].append({"name": iface.name, "irq": interrupt, "piece": self.template,
                                 "thread": alloc.thread(inst, "event", iface.name)})


CONNECTOR = Notification()
