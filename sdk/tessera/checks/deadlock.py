# SPDX-License-Identifier: BSD-2-Clause
"""Deadlock: a cycle of synchronous calls that comes back to a thread that is
already waiting. The check follows threads, not components: a call to `Y.p`
is served by Y's thread for p, and that thread may call whatever Y uses.

A cycle through instances that each have one thread able to call (the thread
that serves the call is the one that makes the next) is a deadlock whenever
the calls are made: an error. A cycle through an instance with several such
threads (a control thread, other interfaces' threads, event callbacks) closes
only if the serving thread itself makes the next call, which the description
cannot tell: a warning. Only connectors that make synchronous calls
(Connector.calls) are followed: raw endpoints are the author's own protocol."""

from .. import connectors
from ..compose import System
from ..errors import Diagnostic, Note


def check_call_cycles(system: System, notes: list) -> None:
    edges: dict[str, list[tuple[tuple[str, str], object]]] = {}   # instance: (server thread, connection)
    for conn in system.connections:
        if not connectors.by_name(conn.connector).calls:
            continue
        to = next(e for e in conn.ends if e.direction == "to")
        for end in conn.ends:
            if end.direction == "from":
                edges.setdefault(end.instance, []).append(((to.instance, to.iface.name), conn))
    single = {name for name in system.instances if _calling_threads(system, name) == 1}
    cycle = _find_cycle(edges, lambda inst: inst in single)
    if cycle is not None:
        raise Diagnostic(cycle[0][1].loc, f"a cycle of synchronous calls can deadlock: {_show(cycle)}",
                         "break the cycle: make one of these calls an event (seL4Notification) "
                         "or move the shared work into its own component")
    cycle = _find_cycle(edges, lambda inst: True)
    if cycle is not None:
        notes.append(Note(cycle[0][1].loc, f"a cycle of synchronous calls may deadlock: {_show(cycle)}",
                          "it does if the thread that serves each call makes the next one; "
                          "if so, make one of them an event (seL4Notification)", "warning"))


def _calling_threads(system: System, name: str) -> int:
    comp = system.component(name)
    return int(comp.control) + sum(1 for i in comp.interfaces if i.kind in ("provides", "consumes"))


def _show(cycle) -> str:
    return " -> ".join(f"{t[0]} ({c.name})" for t, c in cycle) + f" -> {cycle[0][0][0]}"


def _find_cycle(edges: dict, allowed) -> list | None:
    """A cycle of server threads, as [(thread, connection it calls through)],
    among instances `allowed` accepts; depth-first and iterative (a chain of
    a thousand components is no reason for a RecursionError)."""
    def out(thread):
        return [(nxt, conn) for nxt, conn in edges.get(thread[0], []) if allowed(nxt[0])]

    starts = sorted({nxt for lst in edges.values() for nxt, _ in lst if allowed(nxt[0])})
    state: dict[tuple[str, str], int] = {}          # 1: on the current path, 2: done
    for root in starts:
        if root in state:
            continue
        state[root] = 1
        path: list[tuple[tuple[str, str], object]] = []
        frames = [(root, iter(out(root)))]
        while frames:
            node, it = frames[-1]
            step = next(it, None)
            if step is None:
                state[node] = 2
                frames.pop()
                if path:
                    path.pop()
                continue
            nxt, conn = step
            if state.get(nxt) == 1:
                on_path = [n for n, _ in path] + [node]
                return (path + [(node, conn)])[on_path.index(nxt):]
            if nxt not in state:
                state[nxt] = 1
                path.append((node, conn))
                frames.append((nxt, iter(out(nxt))))
    return None
