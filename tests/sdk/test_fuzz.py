# SPDX-License-Identifier: BSD-2-Clause
"""The generator's front end under hypothesis. Valid descriptions (the examples
and the diagnostic fixtures) are changed in two ways:

- mutants: tokens and lines deleted, duplicated, swapped and truncated,
  punctuation and keywords inserted, identifiers renamed, numbers made huge or
  negative;
- additions: whole statements (settings, connections, instances, interfaces,
  methods, exports ...) put into the blocks they belong in, built from the
  description's own names, so that they get past the parser to the checks.

Each result goes through resolve (parse and imports), check and allocate, with
and without a board, and either succeeds or stops with a Diagnostic that reads
`file:line:col: error: ...` (or `error: ...`), points inside the file and has a
hint. Any other exception is a bug in Tessera. Derandomized: the same examples
run every time."""

import re
import shutil
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from frontend import generate
from tessera import boards
from tessera.errors import Diagnostic, TesseraError

ROOT = Path(__file__).resolve().parents[2]
DIAGNOSTICS = Path(__file__).with_name("diagnostics")

# (description, the files it imports, relative to its folder)
EXAMPLES = [
    (ROOT / "examples/hello/hello.camkes", []),
    (ROOT / "examples/events/events.camkes", []),
    (ROOT / "examples/dataport/dataport.camkes", []),
    (ROOT / "examples/multiclient/multiclient.camkes", []),
    (ROOT / "examples/pipeline/pipeline.camkes", []),
    (ROOT / "examples/rpc/rpc.camkes", ["interfaces/Calculator.idl4"]),
    (ROOT / "examples/uart/uart.camkes", []),
    (ROOT / "examples/ipcbench/ipcbench.camkes", ["components/ipcbench.camkes"]),
]
FIXTURES = [(f, [p.name for p in DIAGNOSTICS.glob("*.idl4")]) for f in sorted(DIAGNOSTICS.glob("*.camkes"))]
BOARDS = [None] + [boards.load(name) for name in boards.names()]     # None: without a board's checks
RUNS = settings(max_examples=300, deadline=None, derandomize=True, database=None,
                suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])

TOKEN = re.compile(r'/\*.*?\*/|//[^\n]*|"(?:[^"\\\n]|\\.)*"|0[xX][0-9a-fA-F]+|\d+|[A-Za-z_]\w*|->|\s+|.', re.S)
NAME = re.compile(r"[A-Za-z_]\w*\Z")
NUMBER = re.compile(r"(0[xX][0-9a-fA-F]+|\d+)\Z")
KEYWORDS = ["import", "include", "procedure", "component", "connector", "assembly", "composition",
            "configuration", "connection", "control", "hardware", "uses", "provides", "emits", "consumes",
            "dataport", "maybe", "attribute", "has", "mutex", "semaphore", "binary_semaphore", "export",
            "from", "to", "in", "out", "inout", "refin", "string", "struct", "void", "int", "true", "define",
            "if", "endif", "else", "seL4RPCCall", "seL4Notification", "seL4SharedData", "seL4HardwareMMIO",
            "seL4HardwareInterrupt", "Endpoint", "priority", "timer", "fault_handler", "thread_control"]
PUNCTUATION = list(";{}()[],.=:<>\"#-+*/\\@$'") + ["->", "//", "/*", "*/", "\n#if X\n", "\n#define X\n",
                                                   "\n#endif\n", '\n#include "x.h"\n', "\n#error fuzz\n"]
NUMBERS = ["0", "-1", "-4096", "1", "4095", "4096", "8192", "0x7fffffff", "0xffffffff", "0x100000000",
           "99999999999999999999999", "-99999999999999999999999", "0123", "09", "1.5", "1e999", "-0x1000",
           "0x09000000", "0x3f201000", "0x40000000", "33", "89", "26", "256", "65536", "1048576"]
NAMES = ["a", "x", "Buf", "int", "string", "in", "to", "true", "_", "x_y", "uart", "irq", "regs"]
VALUES = NUMBERS + ['"0x3f8:0x3ff"', '"0x3f8:0x3f0"', '"1:2:3"', '"a"', r'"\x41"', r'"\q"', "true", "false", "[]", '["a", "b"]', "[1, 2]", "{}",
                    "{a: 1}", '{"k": [x]}', "a.b"]
SETTINGS = ["priority", "_priority", "stack_size", "heap_size", "timeslice", "timer", "fault_handler",
            "thread_control", "bound_notification"]
CONNECTORS = ["seL4RPCCall", "RPC", "seL4Notification", "seL4SharedData", "seL4HardwareMMIO",
              "seL4HardwareInterrupt", "HardwareInterrupt", "seL4HardwareIOPort", "Endpoint", "Unknown"]

# Statements, each put just inside a block it belongs in (the regex finds the
# place). From the description: {I} an instance, {F} an interface, {E} an event
# type, {C} a component, {P} a procedure, {S} a struct, {n} any of these or a
# name of NAMES; {t} is a C type or one of its structs. The rest: SETTINGS {s},
# VALUES {v}, CONNECTORS {c}, and the pools in statements().
STATEMENTS = {
    r"\A": ["struct {n} {{ {t} {n}; {t} {n}[4]; }};", "procedure {n} {{ {t} {n}({d} {t} {n}); }};",
            "import <{n}.camkes>;", "component {n} {{ control; uses {P} {F}; }}"],
    r"procedure\s+\w+\s*\{": ["{t} {n}({d} {t} {n}, {d} {t} {n}[]);", "{t} {n}();", 'include "{n}.h";'],
    r"component\s+\w+\s*\{": ["uses {P} {n};", "provides {P} {n};", "emits {E} {n};", "consumes {E} {n};",
                              "maybe uses {P} {n};", "dataport Buf({v}) {n};", "dataport {S} {n};",
                              "has {h} {n};", "attribute {t} {n};", "attribute {t} {n} = {v};", "hardware;",
                              "control;", "composition {{ component {C} {n}; export {n}.{F} -> {F}; }}",
                              "provides IOPort {n};", "uses IOPort {n};"],
    r"composition\s*\{": ["component {C} {n};", "connection {c} {n}(from {I}.{F}, to {I}.{F});",
                          "connection {c} {n}(from {I}.{F}, from {I}.{F}, to {I}.{F});",
                          "export {I}.{F} -> {F};"],
    r"composition\s*\{[^{}]*\}": ["configuration {{ {I}.{s} = {v}; }}"],
    r"configuration\s*\{": ["{I}.{s} = {v};", "{I}.{F}_{w} = {v};", "{I}.{n} = {v};", "{I}.{I}.{s} = {v};"],
}
# How often each block is picked, where it exists: settings and connections have the most checks.
WEIGHTS = {r"configuration\s*\{": 4, r"composition\s*\{": 3, r"component\s+\w+\s*\{": 2}
CONFIGURATION = [r"configuration\s*\{", r"composition\s*\{[^{}]*\}"]    # where settings go


def _names(text: str) -> dict[str, list[str]]:
    """The description's own names, by what they are (and a few others)."""
    found = {
        "I": re.findall(r"\bcomponent\s+\w+\s+(\w+)\s*;", text),
        "F": re.findall(r"\b(?:uses|provides|emits|consumes|dataport)\s+\w+(?:\s*\(\w+\))?\s+(\w+)\s*;", text),
        "E": re.findall(r"\b(?:emits|consumes)\s+(\w+)", text),
        "C": re.findall(r"\bcomponent\s+(\w+)\s*\{", text),
        "P": re.findall(r"\bprocedure\s+(\w+)", text),
        "S": re.findall(r"\bstruct\s+(\w+)", text) + ["Buf"],
    }
    found["n"] = sum(found.values(), []) + NAMES
    found["t"] = found["S"] + ["int", "uint32_t", "char", "double", "bool", "string"]
    return {k: sorted(set(v)) or NAMES[:2] for k, v in found.items()}


@st.composite
def statements(draw, text: str, block: str) -> str:
    """A statement for `block`, built mostly from `text`'s own names."""
    pools = {**_names(text), "s": SETTINGS, "v": VALUES, "c": CONNECTORS,
             "w": ["paddr", "size", "irq_number", "attributes", "value"],
             "h": ["mutex", "semaphore", "binary_semaphore"], "d": ["in", "out", "inout", "refin", ""]}
    template = draw(st.sampled_from(STATEMENTS[block]))
    filled = re.sub(r"(?<!\{)\{(\w)\}", lambda m: draw(st.sampled_from(pools[m.group(1)])), template)
    return filled.replace("{{", "{").replace("}}", "}")


@st.composite
def additions(draw, text: str, only: list[str] = ()) -> str:
    """`text` with one to three statements added where they belong (in `only` those blocks)."""
    for _ in range(draw(st.integers(1, 3))):
        blocks = [b for b in only or STATEMENTS if re.search(b, text) for _ in range(WEIGHTS.get(b, 1))]
        block = draw(st.sampled_from(blocks or [r"\A"]))       # \A always matches
        where = draw(st.sampled_from([m.end() for m in re.finditer(block, text)]))
        text = text[:where] + " " + draw(statements(text, block)) + "\n" + text[where:]
    return text


def _edit_tokens(draw, tokens: list[str], edit: str) -> list[str]:
    solid = [i for i, t in enumerate(tokens) if not t.isspace()]
    at = draw(st.sampled_from(solid))
    if edit == "delete":
        del tokens[at]
    elif edit == "duplicate":
        tokens.insert(at, tokens[at] + " ")
    elif edit == "swap":
        other = draw(st.sampled_from(solid))
        tokens[at], tokens[other] = tokens[other], tokens[at]
    elif edit == "insert":
        tokens.insert(at, " " + draw(st.sampled_from(PUNCTUATION + KEYWORDS)) + " ")
    elif edit == "truncate":
        del tokens[at:]
    elif edit == "rename":
        names = sorted({t for t in tokens if NAME.match(t)} - set(KEYWORDS)) or ["x"]
        old, new = draw(st.sampled_from(names)), draw(st.sampled_from(NAMES + names))
        tokens = [new if t == old else t for t in tokens]
    else:
        numbers = [i for i, t in enumerate(tokens) if NUMBER.match(t)] or [at]
        tokens[draw(st.sampled_from(numbers))] = draw(st.sampled_from(NUMBERS))
    return tokens


def _edit_lines(draw, lines: list[str], edit: str) -> list[str]:
    i, j = draw(st.integers(0, len(lines) - 1)), draw(st.integers(0, len(lines) - 1))
    if edit == "delete_line":
        del lines[i]
    elif edit == "duplicate_line":
        lines.insert(i, lines[i])
    else:
        lines[i], lines[j] = lines[j], lines[i]
    return lines


LINE_EDITS = ["delete_line", "duplicate_line", "swap_lines"]
TOKEN_EDITS = ["delete", "duplicate", "swap", "insert", "truncate", "rename", "rename", "number", "number"]


@st.composite
def mutants(draw, text: str) -> str:
    """`text` after one to three edits of its tokens or lines."""
    for _ in range(draw(st.integers(1, 3))):
        tokens = TOKEN.findall(text)
        if all(t.isspace() for t in tokens):
            break
        edit = draw(st.sampled_from(TOKEN_EDITS + LINE_EDITS))
        if edit in LINE_EDITS:
            text = "\n".join(_edit_lines(draw, text.split("\n"), edit))
        else:
            text = "".join(_edit_tokens(draw, tokens, edit))
    return text


def assert_readable(d: TesseraError) -> None:
    """A diagnostic a user can act on: a location inside the file (or none), and a hint."""
    assert isinstance(d, Diagnostic), f"not a Diagnostic: {d!r}"
    text = d.render()
    first = text.splitlines()[0]
    assert re.match(r"(\S+:\d+:\d+: )?error: \S", first), text
    assert d.hint, f"no hint: {first}"
    if d.loc is not None:
        lines = Path(d.loc.path).read_text(encoding="utf-8", errors="replace").splitlines()
        assert 1 <= d.loc.line <= max(len(lines), 1), f"line out of the file: {first}"
        assert d.loc.column >= 1, f"column before the line: {first}"
        if lines:
            assert f"\n    {' ' * (d.loc.column - 1)}^" in text, f"no caret: {text}"


def run(workdir: Path, seed: Path, imports: list[str], text: str, board) -> None:
    """Generate from `text` in place of `seed` (with the files it imports beside it)."""
    for rel in imports:
        (workdir / rel).parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(seed.parent / rel, workdir / rel)
    top = workdir / seed.name
    top.write_text(text, encoding="utf-8")
    try:
        generate(top, board)
    except TesseraError as d:
        assert_readable(d)


@pytest.fixture(scope="module")
def workdir(tmp_path_factory) -> Path:
    return tmp_path_factory.mktemp("fuzz")


@RUNS
@given(data=st.data(), seed=st.one_of(st.sampled_from(EXAMPLES), st.sampled_from(FIXTURES)),
       board=st.sampled_from(BOARDS))
def test_mutants_fail_only_with_diagnostics(workdir, data, seed, board):
    text = data.draw(mutants(seed[0].read_text(encoding="utf-8")), label="mutant")
    run(workdir, *seed, text, board)


@RUNS
@given(data=st.data(), seed=st.sampled_from(EXAMPLES), board=st.sampled_from(BOARDS))
def test_additions_fail_only_with_diagnostics(workdir, data, seed, board):
    text = data.draw(additions(seed[0].read_text(encoding="utf-8")), label="with additions")
    run(workdir, *seed, text, board)


@RUNS
@given(data=st.data(), seed=st.sampled_from(EXAMPLES), board=st.sampled_from(BOARDS))
def test_settings_fail_only_with_diagnostics(workdir, data, seed, board):
    text = data.draw(additions(seed[0].read_text(encoding="utf-8"), CONFIGURATION), label="with settings")
    run(workdir, *seed, text, board)


@pytest.mark.parametrize("board", BOARDS, ids=lambda b: b.name if b else "no-board")
@pytest.mark.parametrize("seed", [s for s, _ in EXAMPLES], ids=lambda s: s.stem)
def test_examples_are_valid_seeds(seed, board):
    """The examples generate unmutated, so changes start from working input."""
    generate(seed, board)


@st.composite
def hostile(draw, text: str) -> str:
    """Inputs an attacker or a clumsy user would try: values nested hundreds
    deep, names hundreds of characters long (identifiers and imported files),
    and control bytes (NUL among them) in strings, names and between tokens."""
    tokens = TOKEN.findall(text)
    at = draw(st.integers(0, max(len(tokens) - 1, 0)))
    kind = draw(st.sampled_from(["deep", "long name", "long import", "control byte"]))
    if kind == "deep":
        depth = draw(st.integers(60, 600))
        opener = draw(st.sampled_from(["[", "{", "("]))
        closer = {"[": "]", "{": "}", "(": ")"}[opener]
        value = opener * depth + draw(st.sampled_from(["1", '"x"', "a", ""])) + closer * depth
        # as a setting in an assembly of its own (assemblies merge), so that it parses
        return text + f"\nassembly {{ composition {{ }} configuration {{ a.x = {value}; }} }}\n"
    elif kind == "long name":
        piece = draw(st.sampled_from(["x", "_", "A"])) * draw(st.integers(200, 5000))
    elif kind == "long import":
        piece = f'import "{"y" * draw(st.integers(200, 5000))}.idl4";'
    else:
        byte = chr(draw(st.integers(0, 31)))
        piece = draw(st.sampled_from([byte, f'"a{byte}b"', f'import "a{byte}b.idl4";', f"na{byte}me"]))
    return "".join(tokens[:at]) + piece + "".join(tokens[at:])


@RUNS
@given(data=st.data(), seed=st.one_of(st.sampled_from(EXAMPLES), st.sampled_from(FIXTURES)),
       board=st.sampled_from(BOARDS))
def test_hostile_input_fails_only_with_diagnostics(workdir, data, seed, board):
    text = data.draw(hostile(seed[0].read_text(encoding="utf-8")), label="hostile")
    run(workdir, *seed, text, board)
