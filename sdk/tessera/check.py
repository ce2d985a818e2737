# SPDX-License-Identifier: BSD-2-Clause
"""Checks on a resolved program. Each failure is a Diagnostic with the location
of the offending line and a hint; the first one stops the build.

check(prog, board) flattens the composition (compose.py) and returns the
checked System that allocate.py turns into the model. Without a board, the
checks that need one (device windows, interrupt numbers) are skipped."""

import json
import math

from .abi import PAGE_SIZE as PAGE
from .adl import ast
from .compose import End, System, flatten
from .errors import Diagnostic, Location
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

# Connector name: what it becomes. CAmkES's names and Tessera's short aliases.
CONNECTORS = {
    "seL4RPCCall": "rpc", "RPC": "rpc",
    "Endpoint": "endpoint",
    "seL4Notification": "notification", "Notification": "notification",
    "seL4SharedData": "shared", "SharedData": "shared",
    "seL4HardwareMMIO": "mmio", "HardwareMMIO": "mmio",
    "seL4HardwareInterrupt": "irq", "HardwareInterrupt": "irq",
    "seL4HardwareIOPort": "ioport", "HardwareIOPort": "ioport",
}
# Connection kind: (interface kind at the 'from' ends, at the 'to' end, hardware at 'from', at 'to')
END_KINDS = {
    "rpc": ("uses", "provides", False, False),
    "endpoint": ("uses", "provides", False, False),
    "notification": ("emits", "consumes", False, False),
    "shared": ("dataport", "dataport", False, False),
    "mmio": ("dataport", "dataport", False, True),
    "irq": ("emits", "consumes", True, False),
    "ioport": ("uses", "provides", False, True),
}

# The C types a procedure parameter may have, besides IDL structs and the types
# of headers a procedure `include`s.
SCALARS = {
    "int", "unsigned int", "unsigned", "signed int", "signed", "char", "signed char", "unsigned char",
    "short", "unsigned short", "long", "unsigned long", "long long", "unsigned long long",
    "bool", "int8_t", "int16_t", "int32_t", "int64_t", "uint8_t", "uint16_t", "uint32_t", "uint64_t",
    "intptr_t", "uintptr_t", "size_t", "ssize_t", "float", "double", "seL4_Word",
}
DATAPORT_MAX = 64 << 20
HARDWARE_EXAMPLES = {"paddr": "0x09000000", "size": "0x1000", "irq_number": "33", "attributes": '"0x3f8:0x3ff"'}
IOPORT_PROCEDURE = "IOPort"     # what a device `provides` for seL4HardwareIOPort (std_connector.camkes)


def builtin_name(attr: str) -> str | None:
    name = attr[1:] if attr.startswith("_") else attr
    return name if name in BUILTIN_SETTINGS else None


def check(prog: Program, board=None) -> System:
    for struct in prog.structs.values():
        _check_struct(prog, struct)
    for proc in prog.procedures.values():
        _check_procedure(prog, proc)
    for comp in prog.components.values():
        _check_component(prog, comp)
    system = flatten(prog)
    connected: dict[tuple[str, str], tuple[End, str]] = {}     # (instance, iface): (end, connection kind)
    for conn in system.connections:
        _check_connection(system, conn, connected)
    for inst in system.instances.values():
        for iface in inst.comp.interfaces:
            if iface.kind == "uses" and not iface.optional and (inst.name, iface.name) not in connected:
                raise Diagnostic(iface.loc, f"'{inst.name}.{iface.name}' (uses {iface.type}) is not connected",
                                 f"connect it to a provider, or declare it `maybe uses {iface.type} {iface.name};`")
    for s in system.settings:
        _check_setting(system, s)
    _check_hardware(system, board)
    _check_rpc_cycles(system)
    return system


# ---- Declarations ------------------------------------------------------------

def _check_procedure(prog: Program, proc: ast.Procedure) -> None:
    seen: dict[str, Location] = {}
    for m in proc.methods:
        if m.name in seen:
            raise Diagnostic(m.loc, f"procedure {proc.name} has two methods named '{m.name}'",
                             f"the first is at {seen[m.name]}; CAmkES methods are not overloaded")
        seen[m.name] = m.loc
        if not m.return_type:
            raise Diagnostic(m.loc, f"method {proc.name}.{m.name} has no result type",
                             f"write `void {m.name}(...);` for a method that returns nothing")
        if m.return_type != "void" and m.return_type != "string":
            _check_type(prog, proc, m.return_type, m.loc, f"the result of {proc.name}.{m.name}")
        names: set[str] = set()
        for p in m.params:
            if p.name in names:
                raise Diagnostic(p.loc, f"method {proc.name}.{m.name} has two parameters named '{p.name}'",
                                 "give each parameter its own name")
            names.add(p.name)
            if not p.type:
                raise Diagnostic(p.loc, f"parameter '{p.name}' of {proc.name}.{m.name} has no type",
                                 f"write it as `in int {p.name}`: a direction, a type, then the name")
            if p.type == "void":
                raise Diagnostic(p.loc, f"parameter '{p.name}' has type void", "give it a value type")
            if p.type == "string":
                if p.array:
                    raise Diagnostic(p.loc, f"parameter '{p.name}': arrays of strings are not supported",
                                     "send the strings one call at a time, or join them")
                continue
            _check_type(prog, proc, p.type, p.loc, f"parameter '{p.name}'")
            if p.array and p.direction == "refin":
                raise Diagnostic(p.loc, f"parameter '{p.name}': refin applies to single values, not arrays",
                                 "an `in` array is already passed by reference")


def _check_type(prog: Program, proc: ast.Procedure, type_name: str, loc: Location, what: str) -> None:
    base = type_name.removeprefix("struct ").strip()
    if type_name in SCALARS or base in prog.structs or proc.includes:
        return
    raise Diagnostic(loc, f"unknown type '{type_name}' for {what}",
                     did_you_mean(type_name, [*SCALARS, "string", *prog.structs]) or
                     "use a C scalar type, string, an IDL struct, or `include` the header that defines it")


def _check_struct(prog: Program, struct: ast.Struct) -> None:
    """Fields of C scalar types or of structs declared before this one (camkes.h
    prints the structs in declaration order)."""
    order = list(prog.structs)
    earlier = order[:order.index(struct.name)]
    seen: dict[str, Location] = {}
    for (ftype, fname), loc in zip(struct.fields, struct.field_locs):
        name = fname.split("[")[0]
        if name in seen:
            raise Diagnostic(loc, f"struct {struct.name} has two fields named '{name}'",
                             f"the first is at {seen[name]}")
        seen[name] = loc
        if not ftype:
            raise Diagnostic(loc, f"field '{name}' of struct {struct.name} has no type",
                             f"write it as `int {name};`: a type, then the name")
        base = ftype.removeprefix("struct ").strip()
        if base in order and base not in earlier and base != struct.name:
            raise Diagnostic(loc, f"field '{name}' of struct {struct.name} has type {base}, declared after it",
                             f"declare struct {base} above struct {struct.name}")
        if ftype not in SCALARS and base not in earlier:
            raise Diagnostic(loc, f"unknown type '{ftype}' for field '{name}' of struct {struct.name}",
                             did_you_mean(ftype, [*SCALARS, *earlier]) or
                             "a field is a C scalar type or a struct declared before this one")


def _check_component(prog: Program, comp: ast.Component) -> None:
    names: dict[str, Location] = {}

    def declare(name: str, loc: Location) -> None:
        if name in names:
            raise Diagnostic(loc, f"component {comp.name} declares '{name}' twice",
                             f"the first declaration is at {names[name]}")
        names[name] = loc

    for iface in comp.interfaces:
        declare(iface.name, iface.loc)
        if iface.kind in ("uses", "provides") and iface.type not in prog.procedures:
            raise Diagnostic(iface.loc, f"unknown procedure '{iface.type}'",
                             did_you_mean(iface.type, prog.procedures) or
                             f"declare `procedure {iface.type} {{ ... }};` or import the .idl4 file that does")
        if iface.kind == "dataport" and iface.size is not None:
            if iface.size <= 0 or iface.size % PAGE or iface.size > DATAPORT_MAX:
                raise Diagnostic(iface.loc, f"dataport '{iface.name}' has size {iface.size}",
                                 f"a dataport is a whole number of 4 KiB pages, at most {DATAPORT_MAX >> 20} MiB")
        if iface.kind == "dataport" and not _known_type(prog, comp, iface.type, ["Buf"]):
            raise Diagnostic(iface.loc, f"unknown dataport type '{iface.type}'",
                             did_you_mean(iface.type, ["Buf", *prog.structs]) or
                             "use Buf, an IDL struct, or `include` the header that defines the type")
    for attr in comp.attributes:
        declare(attr.name, attr.loc)
        if not attr.type:
            raise Diagnostic(attr.loc, f"attribute '{attr.name}' of component {comp.name} has no type",
                             f"write it as `attribute int {attr.name};` or `attribute string {attr.name};`")
        if not _known_type(prog, comp, attr.type, ["string"]):
            raise Diagnostic(attr.loc, f"unknown type '{attr.type}' for attribute '{attr.name}'",
                             did_you_mean(attr.type, [*SCALARS, "string", *prog.structs]) or
                             "use a C scalar type, string, an IDL struct, or `include` the header that defines it")
        if attr.default is not None:
            _check_value(attr, attr.default, attr.loc, f"the default of '{attr.name}'")
    for _kind, name, loc in comp.synchronisation:
        declare(name, loc)
    if comp.hardware:
        if comp.control or comp.synchronisation:
            raise Diagnostic(comp.loc, f"hardware component {comp.name} has a thread or a lock",
                             "a `hardware;` component stands for a device: it has no code, "
                             "only dataports (registers) and emits (interrupts)")
        for iface in comp.interfaces:
            if iface.kind not in ("dataport", "emits") and (iface.kind, iface.type) != ("provides", IOPORT_PROCEDURE):
                raise Diagnostic(iface.loc, f"hardware component {comp.name} cannot '{iface.kind}' an interface",
                                 "a device offers `dataport` register windows, `emits` interrupts "
                                 "and `provides IOPort` port ranges")
    if comp.composition is not None:
        if comp.control or comp.hardware or comp.synchronisation:
            raise Diagnostic(comp.loc, f"compound component {comp.name} has a thread, a lock or hardware",
                             "a component with a composition is a container: put the code in an inner component")
        exported: dict[str, Location] = {}
        for x in comp.composition.exports:
            if x.outer in exported:
                raise Diagnostic(x.loc, f"compound component {comp.name} exports '{x.outer}' twice",
                                 f"the first export is at {exported[x.outer]}; an interface has one inner end")
            exported[x.outer] = x.loc
        for iface in comp.interfaces:
            if iface.name not in exported:
                raise Diagnostic(iface.loc, f"interface '{iface.name}' of compound component {comp.name} "
                                 "is not exported", f"add `export <inner>.<iface> -> {iface.name};`")
        for x in comp.composition.exports:
            if not any(i.name == x.outer for i in comp.interfaces):
                raise Diagnostic(x.loc, f"compound component {comp.name} exports '{x.outer}' but does not "
                                 "declare it", f"declare the interface in component {comp.name}")


def _known_type(prog: Program, comp: ast.Component, type_name: str, extra: list[str]) -> bool:
    """A C scalar, an IDL struct, one of `extra`, or anything when the component
    `include`s a header (which may define it)."""
    base = type_name.removeprefix("struct ").strip()
    return type_name in SCALARS or type_name in extra or base in prog.structs or bool(comp.includes)


# ---- Connections ---------------------------------------------------------------

def _check_connection(system: System, conn, connected: dict) -> None:
    prog = system.prog
    if conn.connector not in prog.connectors:
        raise Diagnostic(conn.connector_loc, f"unknown connector '{conn.connector}'",
                         did_you_mean(conn.connector, prog.connectors) or
                         "import <std_connector.camkes> for the standard connectors")
    kind = CONNECTORS.get(conn.connector)
    if kind is None:
        raise Diagnostic(conn.connector_loc, f"connector '{conn.connector}' has no implementation in Tessera",
                         f"use one of: {', '.join(sorted(CONNECTORS))}")
    from_kind, to_kind, from_hw, to_hw = END_KINDS[kind]
    tos = [e for e in conn.ends if e.direction == "to"]
    froms = [e for e in conn.ends if e.direction == "from"]
    if len(tos) != 1:
        raise Diagnostic(conn.loc, f"connection '{conn.name}' needs exactly one 'to' end, not {len(tos)}",
                         "many clients may connect to one server: `from a.x, from b.x, to s.x`")
    if not froms:
        raise Diagnostic(conn.loc, f"connection '{conn.name}' has no 'from' end", "add `from <instance>.<iface>`")
    if kind in ("mmio", "irq", "ioport") and len(froms) != 1:
        raise Diagnostic(conn.loc, f"{conn.connector} connection '{conn.name}' has {len(froms)} 'from' ends",
                         "a device region or interrupt has exactly one user")
    for end in conn.ends:
        comp = system.component(end.instance)
        want = from_kind if end.direction == "from" else to_kind
        if end.iface.kind != want:
            raise Diagnostic(end.loc, f"{conn.connector} connects '{want}' interfaces at its '{end.direction}' "
                             f"end; '{'.'.join(end.path)}' is '{end.iface.kind}'",
                             f"connect from a '{from_kind}' interface to a '{to_kind}' one")
        hw = from_hw if end.direction == "from" else to_hw
        if comp.hardware != hw:
            what = "a hardware component" if hw else "a software component"
            if hw:
                hint = "declare the device as `component Dev { hardware; dataport Buf regs; emits IRQ irq; }`"
            elif kind in ("mmio", "irq", "ioport"):
                hint = f"{conn.connector} connects a device to the component that drives it"
            else:
                hint = ("a device connects only through seL4HardwareMMIO, seL4HardwareInterrupt "
                        "and seL4HardwareIOPort")
            raise Diagnostic(end.loc, f"{conn.connector}'s '{end.direction}' end must be {what}; "
                             f"'{end.instance}' is of type {comp.name}", hint)
        key = (end.instance, end.iface.name)
        if key in connected:
            first, first_kind = connected[key]
            if not (end.direction == first.direction == "to" and kind == first_kind
                    and kind in ("rpc", "endpoint", "notification")):
                raise Diagnostic(end.loc, f"'{'.'.join(end.path)}' is already connected at {first.loc}",
                                 "an interface takes part in one connection (a server's may be the 'to' "
                                 "of several of the same connector)")
        connected[key] = (end, kind)
    to = tos[0]
    for end in froms:
        if end.iface.type != to.iface.type:
            raise Diagnostic(end.loc, f"interface mismatch: '{'.'.join(end.path)}' is {end.iface.type}, "
                             f"'{'.'.join(to.path)}' is {to.iface.type}",
                             "both ends of a connection must have the same procedure, event or dataport type")
        if kind == "shared" and (end.iface.size or PAGE) != (to.iface.size or PAGE):
            raise Diagnostic(end.loc, f"dataport sizes differ: '{'.'.join(end.path)}' is {end.iface.size or PAGE} "
                             f"bytes, '{'.'.join(to.path)}' is {to.iface.size or PAGE}",
                             "declare both dataports with the same size")


# ---- Settings ------------------------------------------------------------------

def _check_setting(system: System, s) -> None:
    inst = system.instances[s.instance]
    comp = inst.comp
    name = builtin_name(s.attr)
    if comp.hardware and (name is not None or s.attr in KERNEL_SETTINGS):
        raise Diagnostic(s.loc, f"{s.instance}.{s.attr}: {s.instance} is a hardware component and has no threads",
                         "set it on the component that drives the device")
    if name is not None:
        low, high = BUILTIN_SETTINGS[name]
        _check_whole(s, f"{name} is a whole number from {low} to {high}")
        if not low <= s.value <= high:
            raise Diagnostic(s.loc, f"{s.instance}.{s.attr} = {_show(s.value)} is out of range",
                             f"{name} is a whole number from {low} to {high}")
        return
    if s.attr in KERNEL_SETTINGS:
        _check_kernel_setting(system, inst, s.attr, s)
        return
    hw = hardware_setting(comp, s.attr)
    if hw is not None:
        iface, what = hw
        example = f"write e.g. `{s.instance}.{s.attr} = {HARDWARE_EXAMPLES[what]};`"
        if what == "attributes":
            if port_range(s.value) is None:
                raise Diagnostic(s.loc, f"{s.instance}.{s.attr} must be a port range \"first:last\", "
                                 f"not {_show(s.value)}", f"{example}, with first <= last <= 0xffff")
            return
        _check_whole(s, example)
        if s.value < 0:
            raise Diagnostic(s.loc, f"{s.instance}.{s.attr} = {_show(s.value)} is negative", example)
        if what in ("paddr", "size") and s.value % PAGE:
            raise Diagnostic(s.loc, f"{s.instance}.{s.attr} = {s.value:#x} is not a multiple of 4 KiB",
                             "device regions are mapped in whole pages: align the address and round the size up")
        return
    sem = next((n for k, n, _ in comp.synchronisation if k != "mutex" and s.attr == f"{n}_value"), None)
    if sem is not None:
        _check_whole(s, "a semaphore starts at a whole number from 0 to 65535")
        if not 0 <= s.value <= 0xffff:
            raise Diagnostic(s.loc, f"{s.instance}.{s.attr} = {_show(s.value)} is out of range",
                             "a semaphore starts at a whole number from 0 to 65535")
        return
    attr = next((a for a in comp.attributes if a.name == s.attr), None)
    if attr is None:
        raise Diagnostic(s.loc, f"component {inst.type} has no attribute '{s.attr}'",
                         did_you_mean(s.attr, [a.name for a in comp.attributes]) or
                         f"declare `attribute <type> {s.attr};` in component {inst.type}")
    _check_value(attr, s.value, s.loc, f"{s.instance}.{s.attr}")


def _check_whole(s, hint: str) -> None:
    if not isinstance(s.value, int) or isinstance(s.value, bool):
        raise Diagnostic(s.loc, f"{s.instance}.{s.attr} must be a whole number, not {_show(s.value)}", hint)


def _check_value(attr: ast.Attribute, value, loc: Location, what: str) -> None:
    """A value for an attribute: a string for `string`, a number for a C scalar;
    Tessera gives other types (IDL structs) no value, so they start zeroed."""
    if attr.type == "string":
        if not isinstance(value, str):
            raise Diagnostic(loc, f"{what} has type string; {_show(value)} is not a string",
                             f'write it in double quotes: "{_show(value)}"')
    elif attr.type in SCALARS:
        if not isinstance(value, (int, float)) or isinstance(value, bool):
            raise Diagnostic(loc, f"{what} has type {attr.type}; {_show(value)} is not a number",
                             "write a number such as 42 or 0x2a")
        if not (math.isfinite(value) if isinstance(value, float) else -(1 << 63) <= value < (1 << 64)):
            raise Diagnostic(loc, f"{what} = {_show(value)} does not fit in a {attr.type}",
                             "a C constant is a finite number of at most 64 bits")
    else:
        raise Diagnostic(loc, f"{what} has type {attr.type}, which Tessera cannot give a value",
                         "Tessera sets number and string attributes; others start zeroed")


def hardware_setting(comp: ast.Component, attr: str) -> tuple[str, str] | None:
    """('regs', 'paddr') for `regs_paddr` of a hardware component's dataport, etc."""
    if not comp.hardware:
        return None
    for iface in comp.interfaces:
        whats = {"dataport": ("paddr", "size"), "provides": ("attributes",)}.get(iface.kind, ("irq_number",))
        for what in whats:
            if attr == f"{iface.name}_{what}":
                return iface.name, what
    return None


def port_range(value) -> tuple[int, int] | None:
    """(first, last) of a CAmkES I/O-port setting "0x3f8:0x3ff" (both inclusive), or None."""
    if not isinstance(value, str) or value.count(":") != 1:
        return None
    try:
        first, last = (int(p.strip(), 0) for p in value.split(":"))
    except ValueError:
        return None
    return (first, last) if 0 <= first <= last <= 0xffff else None


def _show(value) -> str:
    if isinstance(value, ast.Reference):
        return ".".join(value.path)
    if isinstance(value, list):
        return "[" + ", ".join(map(_show, value)) + "]"
    if isinstance(value, dict):
        return "{" + ", ".join(f"{k}: {_show(v)}" for k, v in value.items()) + "}"
    return json.dumps(value, ensure_ascii=False) if isinstance(value, str) else str(value)


def setting_names(value) -> list[str]:
    """A setting naming one thing ("x" or x) or several (["x", "y"])."""
    items = value if isinstance(value, list) else [value]
    return [".".join(v.path) if isinstance(v, ast.Reference) else v for v in items]


def _check_kernel_setting(system: System, inst, attr, s) -> None:
    comp = inst.comp
    instances = system.instances
    if attr == "timer":
        if not (isinstance(s.value, ast.Reference) and s.value.path in (["true"], ["false"])):
            raise Diagnostic(s.loc, f"{inst.name}.timer must be true or false", "write `x.timer = true;`")
    if attr in ("timer", "bound_notification") and not comp.control:
        raise Diagnostic(s.loc, f"{inst.name}.{attr}: component {inst.type} has no control thread",
                         "timers and bound notifications belong to the control thread; add `control;`")
    if attr in ("fault_handler", "thread_control"):
        names = setting_names(s.value)
        one = attr == "fault_handler"
        example = '"y"' if one else '["y", "z"]'
        if not all(isinstance(n, str) for n in names) or (one and len(names) != 1):
            raise Diagnostic(s.loc, f"{inst.name}.{attr} must name {'one instance' if one else 'instances'}, "
                             f"not {_show(s.value)}", f"write `{inst.name}.{attr} = {example};`")
        for name in names:
            if name not in instances:
                raise Diagnostic(s.loc, f"{inst.name}.{attr} names unknown instance '{name}'",
                                 did_you_mean(name, instances) or f"the instances are: {', '.join(instances)}")
            if attr == "thread_control" and not instances[name].comp.control:
                raise Diagnostic(s.loc, f"{inst.name}.thread_control: '{name}' has no control thread",
                                 "thread control acts on a control thread")
            if attr == "fault_handler" and instances[name].comp.hardware:
                raise Diagnostic(s.loc, f"{inst.name}.fault_handler: '{name}' is a hardware component",
                                 "faults go to a software component, which receives them on CAP_fault_<instance>")
    if attr == "bound_notification":
        names = setting_names(s.value)
        if len(names) != 1 or not any(i.name == names[0] and i.kind == "consumes" for i in comp.interfaces):
            raise Diagnostic(s.loc, f"{inst.name}.bound_notification must name one 'consumes' interface of {inst.type}",
                             (did_you_mean(str(names[0]), [i.name for i in comp.interfaces if i.kind == "consumes"])
                              if names else "") or
                             "declare `consumes <Event> <name>;` and bind that")


# ---- Hardware --------------------------------------------------------------------

def hardware_values(system: System) -> dict[tuple[str, str], dict]:
    """{(instance, iface): {"paddr":.., "size":.., "irq_number":.., "loc": {what: Location}}}"""
    out: dict[tuple[str, str], dict] = {}
    for s in system.settings:
        hw = hardware_setting(system.component(s.instance), s.attr)
        if hw is not None:
            entry = out.setdefault((s.instance, hw[0]), {"loc": {}})
            entry[hw[1]] = s.value
            entry["loc"][hw[1]] = s.loc
    return out


def _check_hardware(system: System, board) -> None:
    values = hardware_values(system)
    regions: list[tuple[int, int, str, Location]] = []
    irqs: dict[int, tuple[str, Location]] = {}
    ports: list[tuple[int, int, str, Location]] = []
    for conn in system.connections:
        kind = CONNECTORS[conn.connector]
        if kind not in ("mmio", "irq", "ioport"):
            continue
        dev = next(e for e in conn.ends if system.component(e.instance).hardware)
        v = values.get((dev.instance, dev.iface.name), {"loc": {}})
        name = f"{dev.instance}.{dev.iface.name}"
        if kind == "ioport":
            _check_ioport(board, conn, dev, v, ports)
        elif kind == "mmio":
            if "paddr" not in v:
                raise Diagnostic(conn.loc, f"device region '{name}' has no physical address",
                                 f"set `{dev.instance}.{dev.iface.name}_paddr = 0x...;` in the configuration")
            size = v.get("size", dev.iface.size or PAGE)
            loc = v["loc"]["paddr"]
            if size <= 0:
                raise Diagnostic(v["loc"].get("size", loc), f"device region '{name}' has size {size}",
                                 "a region is at least one 4 KiB page")
            for a0, a1, other, oloc in regions:
                if v["paddr"] < a1 and a0 < v["paddr"] + size:
                    raise Diagnostic(loc, f"device region '{name}' [{v['paddr']:#x}, {v['paddr'] + size:#x}) "
                                     f"overlaps '{other}' [{a0:#x}, {a1:#x})",
                                     f"a device region has one owner; '{other}' is set at {oloc}")
            regions.append((v["paddr"], v["paddr"] + size, name, loc))
            if board is not None:
                _check_region_on_board(board, name, v["paddr"], size, loc)
        else:
            if "irq_number" not in v:
                raise Diagnostic(conn.loc, f"interrupt '{name}' has no number",
                                 f"set `{dev.instance}.{dev.iface.name}_irq_number = <n>;` in the configuration")
            n, loc = v["irq_number"], v["loc"]["irq_number"]
            if n in irqs:
                raise Diagnostic(loc, f"interrupt {n} has two owners: '{name}' and '{irqs[n][0]}'",
                                 f"an interrupt goes to one component; the other is set at {irqs[n][1]}")
            irqs[n] = (name, loc)
            if board is not None:
                _check_irq_on_board(board, name, n, loc)


def _check_ioport(board, conn, dev: End, v: dict, ports: list) -> None:
    """An I/O-port range (seL4HardwareIOPort): set, owned once, and one the board gives."""
    name = f"{dev.instance}.{dev.iface.name}"
    if "attributes" not in v:
        raise Diagnostic(conn.loc, f"I/O-port range '{name}' has no ports",
                         f"set `{dev.instance}.{dev.iface.name}_attributes = \"0x3f8:0x3ff\";` "
                         "(first:last) in the configuration")
    first, last = port_range(v["attributes"])
    loc = v["loc"]["attributes"]
    for p0, p1, other, oloc in ports:
        if first <= p1 and p0 <= last:
            raise Diagnostic(loc, f"I/O ports '{name}' [{first:#x}, {last:#x}] overlap '{other}' [{p0:#x}, {p1:#x}]",
                             f"an I/O port has one owner; '{other}' is set at {oloc}")
    ports.append((first, last, name, loc))
    if board is None:
        return
    grantable = [(w["name"], w["io_ports"]) for w in board.data.get("user_devices", []) if "io_ports" in w]
    if not grantable:
        raise Diagnostic(conn.loc, f"{conn.connector} connection '{conn.name}': {board.name} has no I/O ports",
                         "I/O ports are an x86 feature; reach the device's registers with seL4HardwareMMIO")
    for _dev, (g0, g1) in grantable:
        if g0 <= first and last <= g1:
            return
    listed = ", ".join(f"{n} {g0:#x}:{g1:#x}" for n, (g0, g1) in grantable)
    raise Diagnostic(loc, f"I/O ports '{name}' [{first:#x}, {last:#x}] are not ones {board.name} "
                     "gives to components", f"the board's device ports are: {listed}")


def _check_region_on_board(board, name: str, paddr: int, size: int, loc: Location) -> None:
    d = board.data
    ram = d["ram"]
    if paddr < ram["base"] + ram["size"] and ram["base"] < paddr + size:
        raise Diagnostic(loc, f"device region '{name}' at {paddr:#x} lies in {board.name}'s RAM "
                         f"[{ram['base']:#x}, {ram['base'] + ram['size']:#x})",
                         "share memory between components with a dataport and seL4SharedData instead")
    windows = [w for w in d.get("user_devices", []) if "base" in w]    # not the port-only ones
    for w in windows:
        if w["base"] <= paddr and paddr + size <= w["base"] + w["size"]:
            return
    listed = ", ".join(f"{w['name']} {w['base']:#x}+{w['size']:#x}" for w in windows) or "none"
    raise Diagnostic(loc, f"device region '{name}' [{paddr:#x}, {paddr + size:#x}) is not a device "
                     f"{board.name} lets components map", f"the board's device windows are: {listed}")


def _check_irq_on_board(board, name: str, n: int, loc: Location) -> None:
    allowed = sorted({i for w in board.data.get("user_devices", []) for i in w.get("irqs", [])})
    if n not in allowed:
        raise Diagnostic(loc, f"interrupt {n} for '{name}' is not one {board.name} gives to components",
                         f"the board's device interrupts are: {', '.join(map(str, allowed)) or 'none'}")


# ---- Deadlock ----------------------------------------------------------------------

def _check_rpc_cycles(system: System) -> None:
    """Synchronous calls that can come back to the caller: A calls B calls ... calls A.
    Each instance's threads may call any interface it uses, so a cycle of instances
    can block every thread on it. Raw endpoints (Endpoint) are the author's own
    protocol and are not followed."""
    edges: dict[str, list[tuple[str, object]]] = {}
    for conn in system.connections:
        if CONNECTORS.get(conn.connector) != "rpc":
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
