# SPDX-License-Identifier: BSD-2-Clause
"""Composition: flatten the assembly into the instances and connections the
kernel will see. A compound component (one with its own `composition`) is not
an address space: its inner instances become instances named
`<outer>_<inner>`, its internal connections become connections, and a
connection to one of its interfaces goes to the inner interface that the
compound component `export`s under that name, as CAmkES defines it."""

from dataclasses import dataclass, field

from .adl import ast
from .errors import Diagnostic, Location, Note
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
    group: str = ""             # the group (one address space) it is in ("" for its own)


@dataclass
class Group:
    """`group g { ... }`: instances that share one address space (CAmkES's
    group), each still a component of its own (names, threads, symbols)."""
    name: str
    loc: Location
    members: list[str] = field(default_factory=list)        # flat instance names, in order


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
    settings: dict[str, "Setting"] = field(default_factory=dict)     # `conn.size = ...;`


@dataclass
class Setting:
    instance: str               # flat instance name
    attr: str
    value: object
    loc: Location


@dataclass
class PendingAlias:
    """`x.a <- name;` before every setting is known: the attribute `name` of
    the compound instance `compound` ("" at the top), or `other.attr` of an
    instance in the same composition (`local`: its names there)."""
    compound: str
    path: list[str]
    loc: Location
    local: dict[str, str]


@dataclass
class System:
    prog: Program
    instances: dict[str, Instance] = field(default_factory=dict)
    connections: list[Connection] = field(default_factory=list)
    settings: list[Setting] = field(default_factory=list)
    connection_names: dict[str, Location] = field(default_factory=dict)     # flat name: where declared
    connection_by_name: dict[str, Connection] = field(default_factory=dict)
    compounds: dict[str, ast.Component] = field(default_factory=dict)       # flat name: compound type
    compound_settings: dict[tuple[str, str], Setting] = field(default_factory=dict)  # its attributes' values
    notes: list = field(default_factory=list)                               # errors.Note
    groups: dict[str, Group] = field(default_factory=dict)                  # group name: its members

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
    for setting in [*system.settings, *system.compound_settings.values()]:
        setting.value = _alias_value(system, setting.value)
    return system


def _scope(system: System, comp: ast.Composition, prefix: str, depth: int) -> _Scope:
    scope = _Scope(prefix, comp)
    prog = system.prog
    grouped = _groups(system, comp, prefix)
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
        if ctype.composition is not None and id(inst) in grouped:
            raise Diagnostic(inst.loc, f"'{inst.name}' is a compound component; it cannot be in group "
                             f"'{grouped[id(inst)].name}'", "put the compound component's inner instances "
                             "in groups of their own, or take it out of the group")
        if ctype.composition is not None:
            if depth >= MAX_DEPTH:
                raise Diagnostic(inst.loc, f"component {inst.type} nests itself (more than {MAX_DEPTH} levels)",
                                 "a compound component may not contain an instance of itself")
            system.compounds[flat] = ctype
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
        if id(inst) in grouped:
            group = grouped[id(inst)]
            if ctype.hardware:
                raise Diagnostic(inst.loc, f"'{inst.name}' is a hardware component; it cannot be in group "
                                 f"'{group.name}'", "a device is not an address space: take it out of the group")
            system.instances[flat].group = group.name
            group.members.append(flat)
    return scope


def _groups(system: System, comp: ast.Composition, prefix: str) -> dict[int, Group]:
    """The composition's groups: each instance of a group (the parser lists
    them among the composition's instances too) by id, with its group."""
    out: dict[int, Group] = {}
    if not comp.groups:
        return out
    if prefix:
        raise Diagnostic(comp.groups[0].loc, "a group inside a compound component is not supported",
                         "declare the group in the assembly's composition, around the compound's "
                         "instances' own components")
    for n, g in enumerate(comp.groups):
        name = g.name or f"group{n}"
        if name in system.groups:
            raise Diagnostic(g.loc, f"duplicate group name '{name}'",
                             f"'{name}' is already declared at {system.groups[name].loc}")
        if any(i.name == name for i in comp.instances):
            raise Diagnostic(g.loc, f"group '{name}' has the name of an instance",
                             "a group is an address space named after it; rename the group")
        group = system.groups[name] = Group(name, g.loc)
        for inst in g.instances:
            other = next((o for o in out.values() for m in o.members if m == inst.name), None)
            if other is not None:
                raise Diagnostic(inst.loc, f"instance '{inst.name}' is in two groups, '{other.name}' and '{name}'",
                                 "an instance is in one address space: declare it in one group")
            out[id(inst)] = group
            group.members.append(inst.name)         # its local name until flattened
    for group in system.groups.values():
        group.members.clear()
    return out


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
        connection = Connection(flat, conn.connector, conn.loc, conn.connector_loc or conn.loc, ends)
        system.connections.append(connection)
        system.connection_by_name[flat] = connection


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
        if setting is None:
            continue
        key = (setting.instance, setting.attr)
        if key in seen:
            raise Diagnostic(s.loc, f"'{'.'.join(s.target)}' is set twice", f"the first setting is at {seen[key]}")
        seen[key] = s.loc
        if isinstance(setting.value, ast.Alias):
            setting.value = PendingAlias(scope.prefix[:-1], setting.value.path, setting.value.loc, scope.local)
        if setting.instance in system.compounds:
            system.compound_settings[key] = setting
        elif setting.instance in system.connection_by_name and setting.instance not in system.instances:
            system.connection_by_name[setting.instance].settings[setting.attr] = setting
        else:
            system.settings.append(setting)


def _setting(system: System, scope: _Scope, s: ast.Setting) -> Setting | None:
    path = list(s.target)
    while len(path) > 2 and path[0] in scope.compounds:      # outer.inner.attr
        scope = scope.compounds[path[0]][0]
        path = path[1:]
    if len(path) != 2:
        raise Diagnostic(s.loc, f"cannot set '{'.'.join(s.target)}'", "settings read `instance.attribute = value;`")
    inst, attr = path
    if inst not in scope.local and f"{scope.prefix}{inst}" in system.connection_by_name:
        return Setting(f"{scope.prefix}{inst}", attr, s.value, s.loc)     # a connection's setting
    if inst in scope.compounds and any(a.name == attr for a in scope.compounds[inst][1].attributes):
        return Setting(scope.local[inst], attr, s.value, s.loc)        # an attribute of the compound itself
    if inst not in scope.local or inst in scope.compounds:
        if inst in scope.compounds:
            raise Diagnostic(s.loc, f"'{inst}' is a compound component; set its inner instances",
                             f"write `{inst}.<inner>.{attr} = ...;`")
        # CAmkES keeps a setting for an instance the composition does not have
        # (a configuration shared by several assemblies): so does Tessera, with a warning.
        system.notes.append(Note(s.loc, f"'{'.'.join(s.target)}' sets an attribute of unknown instance "
                                 f"'{inst}'; it is ignored",
                                 did_you_mean(inst, scope.local) or f"the instances are: {', '.join(scope.local)}",
                                 "warning"))
        return None
    return Setting(scope.local[inst], attr, s.value, s.loc)


def _alias_value(system: System, value, depth: int = 0):
    """The value an alias stands for, following aliases of aliases."""
    while isinstance(value, PendingAlias):
        if depth > MAX_DEPTH:
            raise Diagnostic(value.loc, "these attribute aliases refer to each other in a loop",
                             "an alias names an attribute that has a value")
        depth += 1
        value = _aliased(system, value)
    return value


def _aliased(system: System, alias: PendingAlias):
    if len(alias.path) == 1:                    # the enclosing compound component's attribute
        name = alias.path[0]
        if not alias.compound:
            raise Diagnostic(alias.loc, f"'<- {name}': the assembly has no enclosing component",
                             "an alias `x.a <- b;` belongs in a compound component's configuration; "
                             "at the top level write `x.a <- other.attr;` or a value")
        ctype = system.compounds[alias.compound]
        decl = next((a for a in ctype.attributes if a.name == name), None)
        if decl is None:
            raise Diagnostic(alias.loc, f"compound component {ctype.name} has no attribute '{name}'",
                             did_you_mean(name, [a.name for a in ctype.attributes]) or
                             f"declare `attribute <type> {name};` in component {ctype.name}")
        setting = system.compound_settings.get((alias.compound, name))
        value = setting.value if setting is not None else decl.default
        what = f"{alias.compound}.{name}"
    elif len(alias.path) == 2:                  # another instance's setting
        inst, attr = alias.path
        if inst not in alias.local:
            raise Diagnostic(alias.loc, f"unknown instance '{inst}'",
                             did_you_mean(inst, alias.local) or f"the instances are: {', '.join(alias.local)}")
        flat = alias.local[inst]
        setting = system.compound_settings.get((flat, attr)) or next(
            (s for s in system.settings if (s.instance, s.attr) == (flat, attr)), None)
        comp = system.compounds.get(flat) or system.instances[flat].comp
        decl = next((a for a in comp.attributes if a.name == attr), None)
        value = setting.value if setting is not None else (decl.default if decl is not None else None)
        what = f"{flat}.{attr}"
    else:
        raise Diagnostic(alias.loc, f"cannot alias '{'.'.join(alias.path)}'",
                         "write `x.a <- b;` (the enclosing component's attribute) or `x.a <- other.attr;`")
    if value is None:
        raise Diagnostic(alias.loc, f"'{what}' has no value to alias",
                         f"set `{what} = ...;` or give the attribute a default")
    return value
