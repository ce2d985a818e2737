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

def check_value(attr: ast.Attribute, value, loc: Location, what: str) -> None:
    """A value for an attribute: a string for `string`, a number for a C scalar;
    Tessera gives other types (IDL structs) no value, so they start zeroed."""
    if attr.type == "string":
        if not isinstance(value, str):
            raise Diagnostic(loc, f"{what} has type string; {show(value)} is not a string",
                             f'write it in double quotes: "{show(value)}"')
    elif attr.type in SCALARS:
        if not isinstance(value, (int, float)) or isinstance(value, bool):
            raise Diagnostic(loc, f"{what} has type {attr.type}; {show(value)} is not a number",
                             "write a number such as 42 or 0x2a")
        if not (math.isfinite(value) if isinstance(value, float) else -(1 << 63) <= value < (1 << 64)):
            raise Diagnostic(loc, f"{what} = {show(value)} does not fit in a {attr.type}",
                             "a C constant is a finite number of at most 64 bits")
    else:
        raise Diagnostic(loc, f"{what} has type {attr.type}, which Tessera cannot give a value",
                         "Tessera sets number and string attributes; others start zeroed")


def show(value) -> str:
    if isinstance(value, ast.Reference):
        return ".".join(value.path)
    if isinstance(value, list):
        return "[" + ", ".join(map(show, value)) + "]"
    if isinstance(value, dict):
        return "{" + ", ".join(f"{k}: {show(v)}" for k, v in value.items()) + "}"
    return json.dumps(value, ensure_ascii=False) if isinstance(value, str) else str(value)
