# SPDX-License-Identifier: BSD-2-Clause
"""Connections: each names a connector Tessera implements, its ends are
interfaces of the kinds and types that connector joins, on software or
hardware components as it requires, and each interface takes part in one
connection (a server's may be the 'to' of several). Then: every `uses` that
is not `maybe` is connected."""

from .. import connectors
from ..compose import End, System
from ..errors import Diagnostic, Note
from ..resolve import did_you_mean


def check_connections(system: System, notes: list) -> None:
    connected: dict[tuple[str, str], tuple[End, str]] = {}     # (instance, iface): (end, connector kind)
    for conn in system.connections:
        _check_connection(system, conn, connected, notes)
    for inst in system.instances.values():
        for iface in inst.comp.interfaces:
            if iface.kind == "uses" and not iface.optional and (inst.name, iface.name) not in connected:
                raise Diagnostic(iface.loc, f"'{inst.name}.{iface.name}' (uses {iface.type}) is not connected",
                                 f"connect it to a provider, or declare it `maybe uses {iface.type} {iface.name};`")


def _check_connection(system: System, conn, connected: dict, notes: list) -> None:
    prog = system.prog
    if conn.connector not in prog.connectors:
        raise Diagnostic(conn.connector_loc, f"unknown connector '{conn.connector}'",
                         did_you_mean(conn.connector, prog.connectors) or
                         "import <std_connector.camkes> for the standard connectors")
    kind = connectors.by_name(conn.connector)
    if kind is None:
        raise Diagnostic(conn.connector_loc, f"connector '{conn.connector}' has no implementation in Tessera",
                         f"use one of: {', '.join(connectors.names())}")
    ends = kind.ends
    tos = [e for e in conn.ends if e.direction == "to"]
    froms = [e for e in conn.ends if e.direction == "from"]
    if not tos or (len(tos) > 1 and not kind.fan_out):
        raise Diagnostic(conn.loc, f"connection '{conn.name}' needs exactly one 'to' end, not {len(tos)}",
                         "many clients may connect to one server: `from a.x, from b.x, to s.x`; "
                         "only events and shared data fan out to several 'to' ends")
    if not froms:
        raise Diagnostic(conn.loc, f"connection '{conn.name}' has no 'from' end", "add `from <instance>.<iface>`")
    if kind.one_user and len(froms) != 1:
        raise Diagnostic(conn.loc, f"{conn.connector} connection '{conn.name}' has {len(froms)} 'from' ends",
                         "a device region or interrupt has exactly one user")
    for end in conn.ends:
        _check_end(system, conn, kind, end, connected)
    to = tos[0]
    for end in froms + tos[1:]:
        if end.iface.type != to.iface.type:
            raise Diagnostic(end.loc, f"interface mismatch: '{'.'.join(end.path)}' is {end.iface.type}, "
                             f"'{'.'.join(to.path)}' is {to.iface.type}",
                             "both ends of a connection must have the same procedure, event or dataport type")
    kind.check(system, conn, to, froms)
    for name, setting in conn.settings.items():
        if name in kind.settings:
            kind.check_setting(system, conn, setting)
        else:
            notes.append(Note(setting.loc, f"{conn.name}.{name} is accepted and ignored",
                              f"{conn.connector} connections take: {', '.join(kind.settings) or 'no settings'}"))


def _check_end(system: System, conn, kind, end: End, connected: dict) -> None:
    comp = system.component(end.instance)
    ends = kind.ends
    want = ends.from_kind if end.direction == "from" else ends.to_kind
    if end.iface.kind != want:
        raise Diagnostic(end.loc, f"{conn.connector} connects '{want}' interfaces at its '{end.direction}' "
                         f"end; '{'.'.join(end.path)}' is '{end.iface.kind}'",
                         f"connect from a '{ends.from_kind}' interface to a '{ends.to_kind}' one")
    hw = ends.from_hardware if end.direction == "from" else ends.to_hardware
    if comp.hardware != hw:
        what = "a hardware component" if hw else "a software component"
        if hw:
            hint = "declare the device as `component Dev { hardware; dataport Buf regs; emits IRQ irq; }`"
        elif kind.hardware:
            hint = f"{conn.connector} connects a device to the component that drives it"
        else:
            hint = ("a device connects only through seL4HardwareMMIO, seL4HardwareInterrupt "
                    "and seL4HardwareIOPort")
        raise Diagnostic(end.loc, f"{conn.connector}'s '{end.direction}' end must be {what}; "
                         f"'{end.instance}' is of type {comp.name}", hint)
    key = (end.instance, end.iface.name)
    if key in connected:
        first, first_kind = connected[key]
        if not (end.direction == first.direction == "to" and kind.kind == first_kind and kind.shared_to):
            raise Diagnostic(end.loc, f"'{'.'.join(end.path)}' is already connected at {first.loc}",
                             "an interface takes part in one connection (a server's may be the 'to' "
                             "of several of the same connector)")
    connected[key] = (end, kind.kind)
