# SPDX-License-Identifier: BSD-2-Clause
"""What a connector kind is: one subclass per kind, one module per subclass
(sdk/tessera/connectors/<kind>.py), found by the registry in __init__.py.

A connector says, as data:
  names        its CAmkES name and Tessera's short alias (std_connector.camkes
               declares both)
  ends         the interface kind at its 'from' and 'to' ends, and whether
               each end is a hardware component
  one_user     a device connection: exactly one 'from' end
  fan_out      several 'to' ends are allowed (CAmkES's one-to-many)
  settings     the settings a connection of it takes (`conn.size = ...;`):
               name -> what it is
  shared_to    an interface may be the 'to' end of several connections of it
               (a server with several connections, a notification's consumer)
  calls        the deadlock check follows it (a synchronous call)
  style        its Graphviz edge attributes (tessera graph)
  template     its piece of the glue (templates/connectors/), a file of macros
               named after the interface kinds it serves

and, as code:
  check()          checks beyond the generic end checks (checks/connections.py)
  check_devices()  checks of its device values against each other and the board
  allocate()       the kernel objects and capabilities a connection needs, and
                   what each of its ends becomes (Allocation.ends)
  glue()           the glue entry of one connected interface of an instance
"""

from dataclasses import dataclass

from ..errors import Diagnostic


@dataclass(frozen=True)
class Ends:
    from_kind: str
    to_kind: str
    from_hardware: bool = False
    to_hardware: bool = False


class Connector:
    kind = ""
    names: tuple[str, ...] = ()
    ends = Ends("", "")
    one_user = False
    fan_out = False
    settings: dict[str, str] = {}
    shared_to = False
    calls = False
    style = ""
    template: str | None = None

    @property
    def hardware(self) -> bool:
        return self.ends.from_hardware or self.ends.to_hardware

    def check(self, system, conn, to, froms) -> None:
        """Checks of one connection beyond its ends' kinds and types."""

    def check_setting(self, system, conn, setting) -> None:
        """Checks the value of one of the connection's `settings`."""

    def check_devices(self, checked, conn, device, seen: dict) -> None:
        """Checks of a device connection's values; `device` is its hardware
        end, `seen` what earlier connections of this kind claimed."""

    @staticmethod
    def device_values(checked, conn, device, field: str, missing: str, hint: str):
        """The device end's values (model.Hardware) and its name, once `field`
        is set; None when a board_device will set it and no board is checked."""
        v = checked.hardware(device.instance, device.iface.name)
        name = f"{device.instance}.{device.iface.name}"
        if getattr(v, field) is None:
            if "board_device" in checked.of(device.instance).locs and checked.board is None:
                return None
            raise Diagnostic(conn.loc, missing.format(name=name), hint)
        return v, name

    def allocate(self, alloc, conn, to, froms) -> None:
        """Kernel objects and capabilities; records each end in alloc.ends."""

    def glue(self, alloc, inst: dict, iface, end: dict) -> bool:
        """Adds the glue entry of `iface` (connected, `end` from allocate())
        to the instance; False leaves it to the interface kind's default."""
        return False
