# SPDX-License-Identifier: BSD-2-Clause
"""CAmkES's settings of a connection end, which a description sets on the
instance that owns the interface (software instances only; a device's
`<iface>_attributes` is its I/O-port range, checks/settings.py):

    client.getchar_shmem_size = 0x1000;   the buffer of an RPC-over-shared-
                                          memory connector (seL4SerialServer)
    client.timeout_attributes = "1";      a connector's per-end hint (CAmkES
                                          badges); Tessera numbers clients itself
    client.ev_global_endpoint = "client"; older CAmkES's choice of a global
    client.ev_badge = "2";                connector end's notification and bit;
                                          the endpoint is always the instance's
                                          own (connectors/globalendpoint.py)

Tessera's connectors size their buffers themselves (seL4SerialServer's is
4 KiB, as CAmkES's serial server assumes), so both are checked and then have
no effect."""

from ..errors import Diagnostic
from ..model import PAGE
from .values import show


def setting(comp, s) -> bool:
    """True when `s` is one of these settings on an interface of `comp` (checked)."""
    if comp.hardware or any(a.name == s.attr for a in comp.attributes):    # a declared attribute wins
        return False
    for iface in comp.interfaces:
        if iface.kind in ("uses", "consumes") and s.attr in (f"{iface.name}_global_endpoint", f"{iface.name}_badge"):
            return True
        if iface.kind not in ("uses", "provides"):
            continue
        if s.attr == f"{iface.name}_shmem_size":
            if not isinstance(s.value, int) or isinstance(s.value, bool) or s.value <= 0 or s.value % PAGE:
                raise Diagnostic(s.loc, f"{s.instance}.{s.attr} = {show(s.value)} is not a whole number of 4 KiB pages",
                                 f"write e.g. `{s.instance}.{s.attr} = 0x1000;`")
            return True
        if s.attr == f"{iface.name}_attributes":
            return True
    return False
