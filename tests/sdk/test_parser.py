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
