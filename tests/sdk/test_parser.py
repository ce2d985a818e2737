# SPDX-License-Identifier: BSD-2-Clause
"""The parser: CAmkES constructs become AST nodes with their source locations;
preprocessor directives go through cpp with locations mapped back."""

from tessera.adl import ast
from tessera.adl.parse import parse_text, parse_file


def test_constructs_and_locations():
    f = parse_text("s.camkes", """procedure Echo {
    int ping(in int x, out int count);
};
component Client { control; uses Echo e; maybe consumes Tick t; dataport Buf(8192) d; has mutex m; }
assembly { composition { component Client c; } configuration { c.priority = 100; c.s = "a"; } }
""")
    proc, comp, asm = f.items
    assert isinstance(proc, ast.Procedure) and proc.methods[0].name == "ping"
    assert [(p.direction, p.type, p.name) for p in proc.methods[0].params] == [("in", "int", "x"), ("out", "int", "count")]
    assert (proc.methods[0].loc.line, proc.methods[0].loc.column) == (2, 9)
    assert comp.control and [(i.kind, i.name, i.optional) for i in comp.interfaces] == [
        ("uses", "e", False), ("consumes", "t", True), ("dataport", "d", False)]
    assert comp.interfaces[2].size == 8192
    assert comp.synchronisation[0][:2] == ("mutex", "m")
    assert [(s.target, s.value) for s in asm.configuration.settings] == [(["c", "priority"], 100), (["c", "s"], "a")]
    assert (asm.composition.instances[0].loc.line, asm.composition.instances[0].loc.column) == (5, 43)


def test_preprocessor_locations_map_to_the_source(tmp_path):
    (tmp_path / "prio.h").write_text("#define PRIO 42\n")
    top = tmp_path / "top.camkes"
    top.write_text('#include "prio.h"\ncomponent A { control; }\n\nassembly { composition { component A a; }\n'
                   '  configuration { a.priority = PRIO; } }\n')
    f = parse_file(top)
    asm = f.items[-1]
    setting = asm.configuration.settings[0]
    assert setting.value == 42          # expanded by cpp
    assert asm.composition.instances[0].loc.path == str(top)
    assert asm.composition.instances[0].loc.line == 4


def test_a_parameter_without_direction_is_in():
    """A direction is a whole word: `int x` is an `in` int, not `in t x`."""
    f = parse_text("p.idl4", "procedure P { void f(int x, int8_t y, out int inbox, uint32_t outcome, refin int r); };")
    params = f.items[0].methods[0].params
    assert [(p.direction, p.type, p.name) for p in params] == [
        ("in", "int", "x"), ("in", "int8_t", "y"), ("out", "int", "inbox"), ("in", "uint32_t", "outcome"),
        ("refin", "int", "r")]


def test_numbers_and_strings_read_as_in_c():
    f = parse_text("s.camkes", r"""assembly { composition { component A a; } configuration {
    a.h = 0x10; a.o = 010; a.d = -3; a.f = 1.5; a.z = 0;
    a.s = "tab\there \x41\101 \"q\" caf\u00e9"; } }""".replace(r"\u00e9", "\u00e9"))
    values = {s.target[1]: s.value for s in f.items[0].configuration.settings}
    assert values == {"h": 16, "o": 8, "d": -3, "f": 1.5, "z": 0, "s": 'tab\there AA "q" caf\u00e9'}


def test_struct_fields_keep_their_array_length():
    f = parse_text("s.idl4", "struct msg { char name[16]; int n; };")
    assert f.items[0].fields == [("char", "name[16]"), ("int", "n")]
    assert [loc.column for loc in f.items[0].field_locs] == [19, 33]


def test_dataport_size_in_hex():
    f = parse_text("d.camkes", "component A { dataport Buf(0x2000) d; }")
    assert f.items[0].interfaces[0].size == 8192
