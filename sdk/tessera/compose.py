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
    connection_names: dict[str, Location] = field(default_factory=dict)     # flat name: where declared

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
    if not system.instances:
        raise Diagnostic(prog.assembly.composition.loc, "the composition has no component instances",
                         "add `component <Type> <name>;`")
    _connections(system, top)
    _settings(system, top, prog.assembly.configuration)
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
            for exp in ctype.composition.exports:       # each, connected or not
                _exported(system, inner, ctype, exp, "to")
            _connections(system, inner)
            _settings(system, inner, ctype.configuration)
            continue
        if flat in system.instances:
            raise Diagnostic(inst.loc, f"instance name '{flat}' is used twice after flattening",
                             "nested instances are named <outer>_<inner>; rename one of them")
        system.instances[flat] = Instance(flat, inst.type, ctype, inst.loc, inst.type_loc, prefix[:-1])
    return scope


def _connections(system: System, scope: _Scope) -> None:
    names: dict[str, Location] = {}
    for conn in scope.comp.connections:
        if conn.name in names:
            raise Diagnostic(conn.loc, f"duplicate connection name '{conn.name}'",
                             f"'{conn.name}' is already used at {names[conn.name]}")
        names[conn.name] = conn.loc
        flat = f"{scope.prefix}{conn.name}"
        if flat in system.connection_names:
            raise Diagnostic(conn.loc, f"connection name '{flat}' is used twice after flattening",
                             f"nested connections are named <outer>_<inner>; the other is at "
                             f"{system.connection_names[flat]}")
        system.connection_names[flat] = conn.loc
        ends = [_end(system, scope, e) for e in conn.ends]
        system.connections.append(Connection(flat, conn.connector, conn.loc, conn.connector_loc or conn.loc, ends))


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
        end = _exported(system, inner, ctype, exp, direction)
        return End(direction, end.instance, end.iface, loc)     # reported where the connection names it
    flat = scope.local[inst]
    comp = system.instances[flat].comp
    for i in comp.interfaces:
        if i.name == iface:
            return End(direction, flat, i, loc)
    raise Diagnostic(loc, f"component {comp.name} has no interface '{iface}'",
                     did_you_mean(iface, [i.name for i in comp.interfaces]) or f"declare it in component {comp.name}")


def _exported(system: System, inner: _Scope, ctype: ast.Component, exp: ast.Export, direction: str) -> End:
    """The inner end behind compound component `ctype`'s `export`: of the kind
    and type that `ctype` declares for it."""
    if len(exp.inner) != 2:
        raise Diagnostic(exp.loc, f"'{'.'.join(exp.inner)}' is not instance.interface",
                         "export an inner interface: `export inner.iface -> outer;`")
    end = _lookup(system, inner, exp.inner[0], exp.inner[1], exp.loc, direction)
    outer = next((i for i in ctype.interfaces if i.name == exp.outer), None)
    if outer is not None and (end.iface.kind, end.iface.type) != (outer.kind, outer.type):
        raise Diagnostic(exp.loc, f"'{'.'.join(exp.inner)}' is `{end.iface.kind} {end.iface.type}` but "
                         f"{ctype.name} declares `{outer.kind} {outer.type} {outer.name}`",
                         "export an inner interface of the kind and type the compound component declares")
    return end


def _settings(system: System, scope: _Scope, conf: ast.Configuration | None) -> None:
    """One configuration block's settings; each may appear in it once."""
    seen: dict[tuple[str, str], Location] = {}
    for s in conf.settings if conf is not None else []:
        setting = _setting(system, scope, s)
        key = (setting.instance, setting.attr)
        if key in seen:
            raise Diagnostic(s.loc, f"'{'.'.join(s.target)}' is set twice", f"the first setting is at {seen[key]}")
        seen[key] = s.loc
        system.settings.append(setting)


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
