# SPDX-License-Identifier: BSD-2-Clause
"""An instance's *global endpoint*, as CAmkES's global connectors share it: one
notification per instance, which every interface of it at a global connector's
waiting end uses (a seL4TimeServer or seL4SerialServer client, a consumer of
seL4GlobalAsynch or seL4GlobalAsynchCallback), each with a bit of its own as
the badge that signals it. `<iface>_notification()` is that notification for
each of them and `<iface>_notification_badge()` the interface's bit, so one
thread can wait for all of them and tell them apart. Not a connector itself."""

from ..errors import Diagnostic

MAX_BITS = 28           # as CAmkES: badges fit seL4's 28 badge bits


def global_endpoint(alloc, loc, instance: str, iface: str) -> tuple[int, int]:
    """The instance's global notification (its index) and `iface`'s bit on it,
    given in the order the interfaces are first connected: 1, 2, 4, ..."""
    n = alloc.objs.object("NOTIFICATION", ("global", instance), f"{instance} (global endpoint)")
    bits = alloc.global_badges.setdefault(instance, {})
    if iface not in bits:
        if len(bits) == MAX_BITS:
            raise Diagnostic(loc, f"'{instance}' has more than {MAX_BITS} interfaces on its global endpoint",
                             "each seL4TimeServer or seL4SerialServer client interface and each "
                             "seL4GlobalAsynch consumer of an instance takes one badge bit; split the component")
        bits[iface] = 1 << len(bits)
    return n, bits[iface]


def wait_cap(alloc, instance: str, name: str, n: int) -> None:
    """A capability to wait on the global notification, once per name."""
    if alloc.objs.find_cap(instance, name) is None:
        alloc.objs.cap(instance, name, "NOTIFICATION", n, ["WAIT"])
