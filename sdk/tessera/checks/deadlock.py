# SPDX-License-Identifier: BSD-2-Clause
"""Deadlock: a cycle of synchronous calls can block every thread on it."""

from .. import connectors
from ..compose import System
from ..errors import Diagnostic


def check_call_cycles(system: System) -> None:
    """Synchronous calls that can come back to the caller: A calls B calls ... calls A.
    Each instance's threads may call any interface it uses, so a cycle of instances
    can block every thread on it. Only connectors that make synchronous calls
    (Connector.calls) are followed: raw endpoints are the author's own protocol."""
    edges: dict[str, list[tuple[str, object]]] = {}
    for conn in system.connections:
        if not connectors.by_name(conn.connector).calls:
            continue
        to = next(e for e in conn.ends if e.direction == "to")
        for end in conn.ends:
            if end.direction == "from":
                edges.setdefault(end.instance, []).append((to.instance, conn))
    # Depth-first, iteratively (a chain of a thousand components is no reason
    # for a RecursionError): `path` holds (instance, connection taken) pairs.
    state: dict[str, int] = {}                      # 1: on the current path, 2: done
    for root in sorted(edges):
        if root in state:
            continue
        state[root] = 1
        path: list[tuple[str, object]] = []
        frames = [(root, iter(edges.get(root, [])))]
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
                starts = [n for n, _ in path]
                cycle = (path[starts.index(nxt):] if nxt in starts else []) + [(node, conn)]
                text = " -> ".join(f"{n} ({c.name})" for n, c in cycle) + f" -> {nxt}"
                raise Diagnostic(cycle[0][1].loc, f"a cycle of synchronous calls can deadlock: {text}",
                                 "break the cycle: make one of these calls an event (seL4Notification) "
                                 "or move the shared work into its own component")
            if nxt not in state:
                state[nxt] = 1
                path.append((node, conn))
                frames.append((nxt, iter(edges.get(nxt, []))))
