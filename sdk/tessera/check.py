# SPDX-License-Identifier: BSD-2-Clause
"""Checks on a resolved program. Each failure is a Diagnostic with the location
of the offending line and a hint; the first one stops the build."""

from .adl import ast
from .errors import Diagnostic
from .resolve import Program, did_you_mean

# Per-instance settings every component understands (CAmkES spells them with a
# leading underscore; Tessera accepts both). name: (minimum, maximum)
BUILTIN_SETTINGS = {
    "priority": (0, 255),
    "stack_size": (4096, 1 << 20),
    "heap_size": (0, 16 << 20),
    "timeslice": (1, 1000),             # milliseconds
}

# Tessera's kernel settings, per instance (docs/adl.md):
#   x.timer = true;                    x's control thread gets a timer (CAP_timer to wait on)
#   x.fault_handler = "y";             faults of x's threads go to y (CAP_fault_x in y)
#   y.thread_control = ["x", ...];     y may suspend/resume x's control thread (CAP_thread_x)
#   x.bound_notification = "iface";    a consumed event that x's endpoint receive also returns
KERNEL_SETTINGS = {"timer", "fault_handler", "thread_control", "bound_notification"}

# Connector name: what the kernel provides for it.
CONNECTORS = {
    "seL4RPCCall": "rpc", "RPC": "rpc",
    "seL4Notification": "notification", "Notification": "notification",
}
END_KINDS = {"rpc": ("uses", "provides"), "notification": ("emits", "consumes")}


def builtin_name(attr: str) -> str | None:
    name = attr[1:] if attr.startswith("_") else attr
    return name if name in BUILTIN_SETTINGS else None


def check(prog: Program) -> None:
    comp = prog.assembly.composition
    instances = _check_instances(prog, comp)
    for conn in comp.connections:
        _check_connection(prog, instances, conn)
    if prog.assembly.configuration is not None:
        for setting in prog.assembly.configuration.settings:
            _check_setting(prog, instances, setting)


def _check_instances(prog: Program, comp: ast.Composition) -> dict[str, ast.Instance]:
    instances: dict[str, ast.Instance] = {}
    for inst in comp.instances:
        if inst.type not in prog.components:
            raise Diagnostic(inst.type_loc, f"unknown component type '{inst.type}'",
                             did_you_mean(inst.type, prog.components) or
                             f"define `component {inst.type} {{ ... }}` or import the file that does")
        if inst.name in instances:
            raise Diagnostic(inst.loc, f"duplicate instance name '{inst.name}'",
                             f"'{inst.name}' is already declared at {instances[inst.name].loc}")
        instances[inst.name] = inst
    if not instances:
        raise Diagnostic(comp.loc, "the composition has no component instances",
                         "add `component <Type> <name>;`")
    return instances


def interface_of(prog: Program, instances: dict, end: ast.End) -> ast.Interface:
    """The interface an end of a connection names, or a Diagnostic."""
    if len(end.path) != 2:
        raise Diagnostic(end.loc, f"'{'.'.join(end.path)}' is not instance.interface",
                         "name a connection end as `from client.iface` or `to server.iface`")
    inst_name, iface_name = end.path
    inst = instances.get(inst_name)
    if inst is None:
        raise Diagnostic(end.loc, f"unknown instance '{inst_name}'",
                         did_you_mean(inst_name, instances) or f"the instances are: {', '.join(instances)}")
    comp = prog.components[inst.type]
    for iface in comp.interfaces:
        if iface.name == iface_name:
            return iface
    raise Diagnostic(end.loc, f"component {inst.type} has no interface '{iface_name}'",
                     did_you_mean(iface_name, [i.name for i in comp.interfaces]) or
                     f"declare it in component {inst.type}")


def _check_connection(prog: Program, instances: dict, conn: ast.Connection) -> None:
    if conn.connector not in prog.connectors:
        raise Diagnostic(conn.connector_loc, f"unknown connector '{conn.connector}'",
                         did_you_mean(conn.connector, prog.connectors) or
                         "import <std_connector.camkes> for the standard connectors")
    kind = CONNECTORS.get(conn.connector)
    if kind is None:
        raise Diagnostic(conn.connector_loc, f"connector '{conn.connector}' is not supported by this "
                         "version of the generator yet", "RPC and notification connections build today")
    from_kind, to_kind = END_KINDS[kind]
    tos = [e for e in conn.ends if e.direction == "to"]
    if len(tos) != 1:
        raise Diagnostic(conn.loc, f"connection '{conn.name}' needs exactly one 'to' end, not {len(tos)}",
                         "many clients may connect to one server: `from a.x, from b.x, to s.x`")
    for end in conn.ends:
        iface = interface_of(prog, instances, end)
        want = from_kind if end.direction == "from" else to_kind
        if iface.kind != want:
            raise Diagnostic(end.loc, f"{conn.connector} connects '{want}' interfaces at its '{end.direction}' "
                             f"end; '{'.'.join(end.path)}' is '{iface.kind}'",
                             f"connect from a '{from_kind}' interface to a '{to_kind}' one")


def _check_setting(prog: Program, instances: dict[str, ast.Instance], s: ast.Setting) -> None:
    if len(s.target) != 2:
        raise Diagnostic(s.loc, f"cannot set '{'.'.join(s.target)}'", "settings read `instance.attribute = value;`")
    inst_name, attr = s.target
    inst = instances.get(inst_name)
    if inst is None:
        raise Diagnostic(s.loc, f"unknown instance '{inst_name}'",
                         did_you_mean(inst_name, instances) or f"the instances are: {', '.join(instances)}")
    name = builtin_name(attr)
    if name is not None:
        low, high = BUILTIN_SETTINGS[name]
        if not isinstance(s.value, int) or isinstance(s.value, bool) or not low <= s.value <= high:
            raise Diagnostic(s.loc, f"{inst_name}.{attr} = {s.value!r} is out of range",
                             f"{name} is a whole number from {low} to {high}")
        return
    if attr in KERNEL_SETTINGS:
        _check_kernel_setting(prog, instances, inst, attr, s)
        return
    component = prog.components[inst.type]
    if not any(a.name == attr for a in component.attributes):
        raise Diagnostic(s.loc, f"component {inst.type} has no attribute '{attr}'",
                         did_you_mean(attr, [a.name for a in component.attributes]) or
                         f"declare `attribute <type> {attr};` in component {inst.type}")


def setting_names(value) -> list[str]:
    """A setting naming one thing ("x" or x) or several (["x", "y"])."""
    items = value if isinstance(value, list) else [value]
    return [".".join(v.path) if isinstance(v, ast.Reference) else v for v in items]


def _check_kernel_setting(prog, instances, inst, attr, s) -> None:
    comp = prog.components[inst.type]
    if attr == "timer":
        if not (isinstance(s.value, ast.Reference) and s.value.path in (["true"], ["false"])):
            raise Diagnostic(s.loc, f"{inst.name}.timer must be true or false", "write `x.timer = true;`")
    if attr in ("timer", "bound_notification") and not comp.control:
        raise Diagnostic(s.loc, f"{inst.name}.{attr}: component {inst.type} has no control thread",
                         "timers and bound notifications belong to the control thread; add `control;`")
    if attr in ("fault_handler", "thread_control"):
        for name in setting_names(s.value):
            if name not in instances:
                raise Diagnostic(s.loc, f"{inst.name}.{attr} names unknown instance '{name}'",
                                 did_you_mean(name, instances) or f"the instances are: {', '.join(instances)}")
            if attr == "thread_control" and not prog.components[instances[name].type].control:
                raise Diagnostic(s.loc, f"{inst.name}.thread_control: '{name}' has no control thread",
                                 "thread control acts on a control thread")
    if attr == "bound_notification":
        names = setting_names(s.value)
        if len(names) != 1 or not any(i.name == names[0] and i.kind == "consumes" for i in comp.interfaces):
            raise Diagnostic(s.loc, f"{inst.name}.bound_notification must name one 'consumes' interface of {inst.type}",
                             did_you_mean(names[0], [i.name for i in comp.interfaces if i.kind == "consumes"]) or
                             "declare `consumes <Event> <name>;` and bind that")
