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
}


def builtin_name(attr: str) -> str | None:
    name = attr[1:] if attr.startswith("_") else attr
    return name if name in BUILTIN_SETTINGS else None


def check(prog: Program) -> None:
    comp = prog.assembly.composition
    instances = _check_instances(prog, comp)
    _check_connections(prog, comp)
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


def _check_connections(prog: Program, comp: ast.Composition) -> None:
    for conn in comp.connections:
        if conn.connector not in prog.connectors:
            raise Diagnostic(conn.connector_loc, f"unknown connector '{conn.connector}'",
                             did_you_mean(conn.connector, prog.connectors) or
                             "import <std_connector.camkes> for the standard connectors")
        raise Diagnostic(conn.loc, f"connection '{conn.name}': connections are not supported by this "
                         "version of the generator yet", "a system of independent components builds today")


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
    component = prog.components[inst.type]
    if not any(a.name == attr for a in component.attributes):
        raise Diagnostic(s.loc, f"component {inst.type} has no attribute '{attr}'",
                         did_you_mean(attr, [a.name for a in component.attributes]) or
                         f"declare `attribute <type> {attr};` in component {inst.type}")
