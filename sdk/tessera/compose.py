# SPDX-License-Identifier: BSD-2-Clause
"""Composition: flatten the assembly into the instances and connections the
kernel will see. A compound component (one with its own `composition`) is not
an address space: its inner instances become instances named
`<outer>_<inner>`, its internal connections become connections, and a
connection to one of its interfaces goes to the inner interface that the
compound component `export`s under that name, as CAmkES defines it."""

from dataclasses import dataclass, field

from .adl import ast
from .errors import Diagnostic, Location
from .resolve import Program, did_you_mean

MAX_DEPTH = 16


@dataclass
class Instance:
    name: str                   # flat, C-safe: outer_inner for nested instances
    type: str
    comp: ast.Component
    loc: Location
    type_loc: Location
    outer: str = ""             # the compound instance it came from ("" at the top)


@dataclass
class End:
    direction: str              # from, to
    instance: str               # flat instance name
    iface: ast.Interface
    loc: Location

    @property
    def path(self) -> list[str]:
        return [self.instance, self.iface.name]


@dataclass
class Connection:
    name: str
    connector: str
    loc: Location
    connector_loc: Location
    ends: list[End]


@dataclass
class Setting:
    instance: str               # flat instance name
    attr: str
    value: object
    loc: Location


@dataclass
class System:
    prog: Program
    instances: dict[str, Instance] = field(default_factory=dict)
    connections: list[Connection] = field(default_factory=list)
    settings: list[Setting] = field(default_factory=list)

    def component(self, instance: str) -> ast.Component:
        return self.instances[instance].comp


class _Scope:
    """One composition being flattened: its instances by their local names."""

    def __init__(self, prefix: str, comp: ast.Composition):
        self.prefix = prefix
        self.comp = comp
        self.local: dict[str, str] = {}          # local name -> flat name (or compound's key)
        self.compounds: dict[str, tuple["_Scope", ast.Component]] = {}


def flatten(prog: Program) -> System:
    system = System(prog)
    top = _scope(system, prog.assembly.composition, "", 0)
    if not system.instances and not top.compounds:
        raise Diagnostic(prog.assembly.composition.loc, "the composition has no component instances",
                         "add `component <Type> <name>;`")
    _connections(system, top)
    if prog.assembly.configuration is not None:
        for s in prog.assembly.configuration.settings:
            system.settings.append(_setting(system, top, s))
    return system


def _scope(system: System, comp: ast.Composition, prefix: str, depth: int) -> _Scope:
    scope = _Scope(prefix, comp)
    prog = system.prog
    for inst in comp.instances:
        if inst.type not in prog.components:
            raise Diagnostic(inst.type_loc, f"unknown component type '{inst.type}'",
                             did_you_mean(inst.type, prog.components) or
                             f"define `component {inst.type} {{ ... }}` or import the file that does")
        if inst.name in scope.local:
            first = next(i for i in comp.instances if i.name == inst.name)
            raise Diagnostic(inst.loc, f"duplicate instance name '{inst.name}'",
                             f"'{inst.name}' is already declared at {first.loc}")
        flat = f"{prefix}{inst.name}"
        scope.local[inst.name] = flat
        ctype = prog.components[inst.type]
        if ctype.composition is not None:
            if depth >= MAX_DEPTH:
                raise Diagnostic(inst.loc, f"component {inst.type} nests itself (more than {MAX_DEPTH} levels)",
                                 "a compound component may not contain an instance of itself")
            inner = _scope(system, ctype.composition, f"{flat}_", depth + 1)
            scope.compounds[inst.name] = (inner, ctype)
            _connections(system, inner)
            if ctype.configuration is not None:
                for s in ctype.configuration.settings:
                    system.settings.append(_setting(system, inner, s))
            continue
        if flat in system.instances:
            raise Diagnostic(inst.loc, f"instance name '{flat}' is used twice after flattening",
                             f"nested instances are named <outer>_<inner>; rename one of them")
        system.instances[flat] = Instance(flat, inst.type, ctype, inst.loc, inst.type_loc, prefix[:-1])
    return scope


def _connections(system: System, scope: _Scope) -> None:
    names: dict[str, Location] = {}
    for conn in scope.comp.connections:
        if conn.name in names:
            raise Diagnostic(conn.loc, f"duplicate connection name '{conn.name}'",
                             f"'{conn.name}' is already used at {names[conn.name]}")
        names[conn.name] = conn.loc
        ends = [_end(system, scope, e) for e in conn.ends]
        system.connections.append(Connection(f"{scope.prefix}{conn.name}", conn.connector, conn.loc,
                                             conn.connector_loc or conn.loc, ends))


def _end(system: System, scope: _Scope, end: ast.End) -> End:
    if len(end.path) != 2:
        raise Diagnostic(end.loc, f"'{'.'.join(end.path)}' is not instance.interface",
                         "name a connection end as `from client.iface` or `to server.iface`")
    inst, iface = end.path
    return _lookup(system, scope, inst, iface, end.loc, end.direction)


def _lookup(system: System, scope: _Scope, inst: str, iface: str, loc: Location, direction: str) -> End:
    if inst not in scope.local:
        raise Diagnostic(loc, f"unknown instance '{inst}'",
                         did_you_mean(inst, scope.local) or f"the instances are: {', '.join(scope.local)}")
    if inst in scope.compounds:
        inner, ctype = scope.compounds[inst]
        exp = next((x for x in ctype.composition.exports if x.outer == iface), None)
        if exp is None:
            raise Diagnostic(loc, f"compound component {ctype.name} exports no interface '{iface}'",
                             did_you_mean(iface, [x.outer for x in ctype.composition.exports]) or
                             f"add `export <inner>.<iface> -> {iface};` to its composition")
        if len(exp.inner) != 2:
            raise Diagnostic(exp.loc, f"'{'.'.join(exp.inner)}' is not instance.interface",
                             "export an inner interface: `export inner.iface -> outer;`")
        return _lookup(system, inner, exp.inner[0], exp.inner[1], exp.loc, direction)
    flat = scope.local[inst]
    comp = system.instances[flat].comp
    for i in comp.interfaces:
        if i.name == iface:
            return End(direction, flat, i, loc)
    raise Diagnostic(loc, f"component {comp.name} has no interface '{iface}'",
                     did_you_mean(iface, [i.name for i in comp.interfaces]) or f"declare it in component {comp.name}")


def _setting(system: System, scope: _Scope, s: ast.Setting) -> Setting:
    path = list(s.target)
    while len(path) > 2 and path[0] in scope.compounds:      # outer.inner.attr
        scope = scope.compounds[path[0]][0]
        path = path[1:]
    if len(path) != 2:
        raise Diagnostic(s.loc, f"cannot set '{'.'.join(s.target)}'", "settings read `instance.attribute = value;`")
    inst, attr = path
    if inst not in scope.local or inst in scope.compounds:
        if inst in scope.compounds:
            raise Diagnostic(s.loc, f"'{inst}' is a compound component; set its inner instances",
                             f"write `{inst}.<inner>.{attr} = ...;`")
        raise Diagnostic(s.loc, f"unknown instance '{inst}'",
                         did_you_mean(inst, scope.local) or f"the instances are: {', '.join(scope.local)}")
    return Setting(scope.local[inst], attr, s.value, s.loc)
