# SPDX-License-Identifier: BSD-2-Clause
"""Values: the C scalar types the description may use, and whether a value
fits an attribute's type (for defaults and settings alike)."""

import json
import math

from ..adl import ast
from ..errors import Diagnostic, Location

# The C types a procedure parameter may have, besides IDL structs and the types
# of headers a procedure `include`s.
SCALARS = {
    "int", "unsigned int", "unsigned", "signed int", "signed", "char", "signed char", "unsigned char",
    "short", "unsigned short", "long", "unsigned long", "long long", "unsigned long long",
    "bool", "int8_t", "int16_t", "int32_t", "int64_t", "uint8_t", "uint16_t", "uint32_t", "uint64_t",
    "intptr_t", "uintptr_t", "size_t", "ssize_t", "float", "double", "seL4_Word",
}

# The range of each integer type (long and its kin are taken at 64 bits, the
# widest any board has; int at 32).
INT_RANGES = {
    "int8_t": (-1 << 7, (1 << 7) - 1), "uint8_t": (0, (1 << 8) - 1),
    "int16_t": (-1 << 15, (1 << 15) - 1), "uint16_t": (0, (1 << 16) - 1),
    "int32_t": (-1 << 31, (1 << 31) - 1), "uint32_t": (0, (1 << 32) - 1),
    "int64_t": (-1 << 63, (1 << 63) - 1), "uint64_t": (0, (1 << 64) - 1),
    "char": (-1 << 7, (1 << 8) - 1), "signed char": (-1 << 7, (1 << 7) - 1), "unsigned char": (0, (1 << 8) - 1),
    "short": (-1 << 15, (1 << 15) - 1), "unsigned short": (0, (1 << 16) - 1),
    "int": (-1 << 31, (1 << 31) - 1), "signed int": (-1 << 31, (1 << 31) - 1), "signed": (-1 << 31, (1 << 31) - 1),
    "unsigned int": (0, (1 << 32) - 1), "unsigned": (0, (1 << 32) - 1),
    "long": (-1 << 63, (1 << 63) - 1), "unsigned long": (0, (1 << 64) - 1),
    "long long": (-1 << 63, (1 << 63) - 1), "unsigned long long": (0, (1 << 64) - 1),
    "intptr_t": (-1 << 63, (1 << 63) - 1), "uintptr_t": (0, (1 << 64) - 1),
    "size_t": (0, (1 << 64) - 1), "ssize_t": (-1 << 63, (1 << 63) - 1), "seL4_Word": (0, (1 << 64) - 1),
}
BOOLEANS = {"true": True, "false": False}

# Names the generated C uses as they are written (attributes, dataports,
# parameters, struct fields and types), so none may be a C keyword.
C_KEYWORDS = {
    "auto", "break", "case", "char", "const", "continue", "default", "do", "double", "else", "enum", "extern",
    "float", "for", "goto", "if", "inline", "int", "long", "register", "restrict", "return", "short", "signed",
    "sizeof", "static", "struct", "switch", "typedef", "union", "unsigned", "void", "volatile", "while",
    "_Alignas", "_Alignof", "_Atomic", "_Bool", "_Complex", "_Generic", "_Imaginary", "_Noreturn",
    "_Static_assert", "_Thread_local", "asm", "typeof", "bool", "true", "false", "NULL",
}


def check_c_name(name: str, loc: Location, kind: str, owner: str) -> None:
    if name in C_KEYWORDS:
        raise Diagnostic(loc, f"{kind} '{name}' of {owner} is a C keyword, which the generated C cannot use",
                         f"rename it, e.g. '{name}_'")


def bool_value(value) -> bool | None:
    """true/false (or 1/0) as a bool; None for anything else."""
    if isinstance(value, ast.Reference) and len(value.path) == 1 and value.path[0] in BOOLEANS:
        return BOOLEANS[value.path[0]]
    if isinstance(value, int) and not isinstance(value, bool) and value in (0, 1):
        return bool(value)
    return None


def check_value(attr: ast.Attribute, value, loc: Location, what: str, structs: dict | None = None) -> None:
    """A value for an attribute: a string for `string`, a number in range for a
    C scalar, true or false for `bool`, a list for an array attribute, a
    struct value (`{"field": value, ...}`) for an IDL struct."""
    if attr.array:
        if not isinstance(value, list):
            raise Diagnostic(loc, f"{what} is an array; {show(value)} is not a list",
                             "write the elements in brackets: `[1, 2, 3]`")
        for i, item in enumerate(value):
            check_type(attr.type, item, loc, f"{what}[{i}]", structs or {})
        return
    check_type(attr.type, value, loc, what, structs or {})


def check_type(type_name: str, value, loc: Location, what: str, structs: dict, depth: int = 0) -> None:
    base = type_name.removeprefix("struct ").strip()
    if type_name == "string":
        if not isinstance(value, str):
            raise Diagnostic(loc, f"{what} has type string; {show(value)} is not a string",
                             f'write it in double quotes: "{show(value)}"')
    elif type_name == "bool":
        if bool_value(value) is None:
            raise Diagnostic(loc, f"{what} has type bool; {show(value)} is not true or false",
                             "write true or false (or 1 or 0)")
    elif type_name in SCALARS:
        if not isinstance(value, (int, float)) or isinstance(value, bool):
            raise Diagnostic(loc, f"{what} has type {type_name}; {show(value)} is not a number",
                             "write a number such as 42 or 0x2a")
        if isinstance(value, float):
            if not math.isfinite(value):
                raise Diagnostic(loc, f"{what} = {show(value)} does not fit in a {type_name}",
                                 "a C constant is a finite number of at most 64 bits")
            if type_name not in ("float", "double"):
                raise Diagnostic(loc, f"{what} has type {type_name}; {show(value)} is not a whole number",
                                 "write a whole number, or declare the attribute `double`")
        elif type_name in ("float", "double"):
            pass
        else:
            low, high = INT_RANGES.get(type_name, (-(1 << 63), (1 << 64) - 1))
            if not low <= value <= high:
                raise Diagnostic(loc, f"{what} = {show(value)} does not fit in a {type_name}",
                                 f"a {type_name} holds {low} to {high}")
    elif base in structs and depth < 16:
        struct = structs[base]
        if not isinstance(value, dict):
            raise Diagnostic(loc, f"{what} has type {type_name}; {show(value)} is not a struct value",
                             'write its fields in braces: `{"field": value, ...}`')
        fields = {n.split("[")[0]: (t, "[" in n) for t, n in struct.fields}
        for key, item in value.items():
            if key not in fields:
                raise Diagnostic(loc, f"struct {base} has no field '{key}'",
                                 f"its fields are: {', '.join(fields) or 'none'}")
            ftype, array = fields[key]
            if array:
                if not isinstance(item, list):
                    raise Diagnostic(loc, f"{what}.{key} is an array; {show(item)} is not a list",
                                     "write the elements in brackets: `[1, 2, 3]`")
                for i, x in enumerate(item):
                    check_type(ftype, x, loc, f"{what}.{key}[{i}]", structs, depth + 1)
            else:
                check_type(ftype, item, loc, f"{what}.{key}", structs, depth + 1)
    else:
        raise Diagnostic(loc, f"{what} has type {type_name}, which Tessera cannot give a value",
                         "Tessera sets numbers, strings, bools, IDL structs and arrays of them; others start zeroed")


def show(value) -> str:
    if isinstance(value, ast.Call):
        return f"{value.name}(" + ", ".join(map(show, value.args)) + ")"
    if isinstance(value, ast.Reference):
        return ".".join(value.path)
    if isinstance(value, list):
        return "[" + ", ".join(map(show, value)) + "]"
    if isinstance(value, dict):
        return "{" + ", ".join(f"{k}: {show(v)}" for k, v in value.items()) + "}"
    return json.dumps(value, ensure_ascii=False) if isinstance(value, str) else str(value)
