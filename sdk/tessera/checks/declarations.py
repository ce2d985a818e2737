# SPDX-License-Identifier: BSD-2-Clause
"""Declarations: procedures (methods, parameters, types), IDL structs and
component types (interfaces, attributes, hardware and compound components),
each on its own, before any instance exists."""

from ..adl import ast
from ..connectors.ioport import PROCEDURE as IOPORT
from ..connectors.shared import DATAPORT_MAX
from ..errors import Diagnostic, Location
from ..model import PAGE
from ..resolve import Program, did_you_mean
from .values import SCALARS, check_c_name, check_value



def check_declarations(prog: Program) -> None:
    for struct in prog.structs.values():
        _check_struct(prog, struct)
    for proc in prog.procedures.values():
        _check_procedure(prog, proc)
    for comp in prog.components.values():
        _check_component(prog, comp)


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
            check_c_name(p.name, p.loc, "parameter", f"{proc.name}.{m.name}")
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
                if p.array and p.direction == "refin":
                    raise Diagnostic(p.loc, f"parameter '{p.name}': refin applies to single values, not arrays",
                                     "an `in` array is already passed by reference")
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
        check_c_name(name, loc, "field", f"struct {struct.name}")
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
        check_c_name(iface.name, iface.loc, "interface", f"component {comp.name}")
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
        check_c_name(attr.name, attr.loc, "attribute", f"component {comp.name}")
        if not attr.type:
            raise Diagnostic(attr.loc, f"attribute '{attr.name}' of component {comp.name} has no type",
                             f"write it as `attribute int {attr.name};` or `attribute string {attr.name};`")
        if not _known_type(prog, comp, attr.type, ["string"]):
            raise Diagnostic(attr.loc, f"unknown type '{attr.type}' for attribute '{attr.name}'",
                             did_you_mean(attr.type, [*SCALARS, "string", *prog.structs]) or
                             "use a C scalar type, string, an IDL struct, or `include` the header that defines it")
        if attr.default is not None:
            check_value(attr, attr.default, attr.loc, f"the default of '{attr.name}'", prog.structs)
    for _kind, name, loc in comp.synchronisation:
        declare(name, loc)
    if comp.hardware:
        if comp.control or comp.synchronisation:
            raise Diagnostic(comp.loc, f"hardware component {comp.name} has a thread or a lock",
                             "a `hardware;` component stands for a device: it has no code, "
                             "only dataports (registers) and emits (interrupts)")
        for iface in comp.interfaces:
            if iface.kind not in ("dataport", "emits") and (iface.kind, iface.type) != ("provides", IOPORT):
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
