# SPDX-License-Identifier: BSD-2-Clause
"""The AST of a system description. Every node keeps the Location it came from."""

from dataclasses import dataclass, field

from ..errors import Location


@dataclass
class Param:
    loc: Location
    direction: str          # in, out, inout, refin
    type: str
    name: str
    array: bool = False
    explicit_direction: bool = False     # written with in/out/inout/refin


@dataclass
class Method:
    loc: Location
    name: str
    return_type: str
    params: list[Param]


@dataclass
class Procedure:
    loc: Location
    name: str
    methods: list[Method]
    includes: list[str]


@dataclass
class Interface:
    """One `provides`, `uses`, `emits`, `consumes` or `dataport` line."""
    loc: Location
    kind: str               # provides, uses, emits, consumes, dataport
    type: str
    name: str
    optional: bool = False  # `maybe`
    size: int | None = None  # dataport Buf(size)


@dataclass
class Attribute:
    loc: Location
    type: str
    name: str
    default: object = None
    array: bool = False         # `attribute int xs[];`


@dataclass
class Instance:
    loc: Location
    type: str
    name: str
    type_loc: Location | None = None


@dataclass
class End:
    loc: Location
    direction: str          # from, to
    path: list[str]         # instance.interface (or a longer path into a hierarchy)


@dataclass
class Connection:
    loc: Location
    connector: str
    name: str
    ends: list[End]
    connector_loc: Location | None = None


@dataclass
class Export:
    loc: Location
    inner: list[str]
    outer: str


@dataclass
class Composition:
    loc: Location
    instances: list[Instance] = field(default_factory=list)
    connections: list[Connection] = field(default_factory=list)
    exports: list[Export] = field(default_factory=list)
    groups: list["Group"] = field(default_factory=list)


@dataclass
class Group:
    """`group g { component A a; ... }`: instances that CAmkES puts in one address space."""
    loc: Location
    name: str
    instances: list[Instance] = field(default_factory=list)


@dataclass
class Setting:
    loc: Location
    target: list[str]       # instance.attribute
    value: object


@dataclass
class Configuration:
    loc: Location
    settings: list[Setting]


@dataclass
class Component:
    loc: Location
    name: str
    control: bool = False
    hardware: bool = False
    interfaces: list[Interface] = field(default_factory=list)
    attributes: list[Attribute] = field(default_factory=list)
    synchronisation: list[tuple[str, str, Location]] = field(default_factory=list)
    includes: list[str] = field(default_factory=list)
    composition: Composition | None = None
    configuration: Configuration | None = None


@dataclass
class Connector:
    loc: Location
    name: str


@dataclass
class Struct:
    loc: Location
    name: str
    fields: list[tuple[str, str]]       # (type, name), the name with any [N]
    field_locs: list[Location] = field(default_factory=list)


@dataclass
class Assembly:
    loc: Location
    composition: Composition
    configuration: Configuration | None


@dataclass
class Import:
    loc: Location
    path: str
    system: bool            # <...> rather than "..."


@dataclass
class Alias:
    """`inner.attr <- name;`: the value of the enclosing compound component's
    attribute `name` (or `inst.attr <- other.attr;`: another instance's setting)."""
    loc: Location
    path: list[str]


@dataclass
class Reference:
    """A bare name or dotted path used as a value in a configuration."""
    loc: Location
    path: list[str]


@dataclass
class Call:
    """`name(args)` used as a value: camkes-vm's `dtb([...])` (checks/vm.py)."""
    loc: Location
    name: str
    args: list


@dataclass
class SourceFile:
    path: str
    items: list[object]
