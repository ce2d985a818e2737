# SPDX-License-Identifier: BSD-2-Clause
"""Devices: each device connection's values (register window, interrupt, I/O
ports) are set, owned once, and ones the board gives to components. Each
connector checks its own kind (Connector.check_devices)."""

from .. import connectors
from ..model import Checked


def check_devices(checked: Checked) -> None:
    system = checked.system
    seen: dict[str, list] = {}          # connector kind: what its connections claimed so far
    for conn in system.connections:
        kind = connectors.by_name(conn.connector)
        if not kind.hardware:
            continue
        device = next(e for e in conn.ends if system.component(e.instance).hardware)
        kind.check_devices(checked, conn, device, seen.setdefault(kind.kind, []))
