# SPDX-License-Identifier: BSD-2-Clause
"""Text to AST. A file with preprocessor directives goes through the C
preprocessor first, as CAmkES does; its line markers map every position back to
the file and line the user wrote."""

import functools
import re
import shutil
import subprocess
from pathlib import Path

from lark import Lark, Token, Transformer, v_args
from lark.exceptions import UnexpectedCharacters, UnexpectedEOF, UnexpectedInput, UnexpectedToken

from ..errors import Diagnostic, Location
from . import ast

GRAMMAR = Path(__file__).with_name("camkes.lark")
DIRECTIVE = re.compile(r"^\s*#\s*(include|define|undef|if|ifdef|ifndef|elif|else|endif|error|pragma)\b", re.M)
LINEMARKER = re.compile(r'^#\s*(\d+)\s+"((?:[^"\\]|\\.)*)"')

# What a user sees instead of Lark's terminal names.
TOKEN_WORDS = {
    "SEMICOLON": "';'", "LBRACE": "'{'", "RBRACE": "'}'", "LPAR": "'('", "RPAR": "')'",
    "COMMA": "','", "EQUAL": "'='", "DOT": "'.'", "NAME": "a name", "STRING": "a string",
    "SIGNED_NUMBER": "a number", "HEX": "a number", "INT": "a number", "SYS_PATH": "<file>",
    "LSQB": "'['", "RSQB": "']'", "COLON": "':'", "MORETHAN": "'>'", "__ANON_0": "'->'",
}


@functools.lru_cache(maxsize=1)
def _parser() -> Lark:
    return Lark(GRAMMAR.read_text(encoding="utf-8"), parser="lalr", propagate_positions=True,
                maybe_placeholders=False)


class LineMap:
    """Maps a line of the text handed to the parser to (file, line) of the source."""

    def __init__(self, path: str, text: str):
        self.path = path
        self.entries: list[tuple[str, int]] = []
        self.text = self._strip_markers(path, text)

    def _strip_markers(self, path: str, text: str) -> str:
        out = []
        cur_file, cur_line = path, 1
        for line in text.split("\n"):
            m = LINEMARKER.match(line)
            if m:
                cur_file, cur_line = m.group(2), int(m.group(1))
                if cur_file.startswith("<"):
                    cur_file = path
                out.append("")
                self.entries.append((cur_file, 0))
                continue
            out.append(line)
            self.entries.append((cur_file, cur_line))
            cur_line += 1
        return "\n".join(out)

    def location(self, line: int, column: int) -> Location:
        if 1 <= line <= len(self.entries):
            file, src_line = self.entries[line - 1]
            return Location(file, max(src_line, 1), column)
        return Location(self.path, line, column)


def preprocess(path: Path, text: str, include_dirs: list[Path], defines: list[str] = ()) -> str:
    """Run cpp over `text` when it has directives; plain text otherwise (exact columns)."""
    if not DIRECTIVE.search(text):
        return text
    cpp = shutil.which("cpp") or shutil.which("gcc")
    if cpp is None:
        raise Diagnostic(Location(str(path), 1, 1), "this file needs the C preprocessor, and none is installed",
                         "install Debian's cpp package (./tessera setup does)")
    cmd = [cpp] + (["-E"] if cpp.endswith("gcc") else []) + ["-x", "c", "-undef", "-nostdinc"]
    cmd += [f"-I{d}" for d in [path.parent, *include_dirs]] + [f"-D{d}" for d in defines] + ["-"]
    proc = subprocess.run(cmd, input=text, capture_output=True, text=True)
    if proc.returncode != 0:
        first = (proc.stderr.strip().splitlines() or ["preprocessing failed"])[0]
        m = re.match(r"(?:<stdin>|[^:]+):(\d+):(\d+): (?:fatal )?error: (.*)", first)
        if m:
            raise Diagnostic(Location(str(path), int(m.group(1)), int(m.group(2))), m.group(3),
                             "check the #include paths and #if conditions")
        raise Diagnostic(Location(str(path), 1, 1), first)
    return proc.stdout.replace('"<stdin>"', f'"{path}"')


def parse_file(path: Path, include_dirs: list[Path] = (), defines: list[str] = ()) -> ast.SourceFile:
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as e:
        raise Diagnostic(None, f"cannot read {path}: {getattr(e, 'strerror', None) or e}") from None
    return parse_text(str(path), preprocess(path, text, list(include_dirs), list(defines)))


def parse_text(path: str, text: str) -> ast.SourceFile:
    lines = LineMap(path, text)
    try:
        tree = _parser().parse(lines.text)
    except UnexpectedInput as e:
        raise _syntax_error(e, lines) from None
    return ast.SourceFile(path, _Build(lines).transform(tree).items)


def _syntax_error(e: UnexpectedInput, lines: LineMap) -> Diagnostic:
    loc = lines.location(getattr(e, "line", 1) or 1, getattr(e, "column", 1) or 1)
    if isinstance(e, UnexpectedToken) and e.token.type == "$END":
        return Diagnostic(loc, "unexpected end of file", "a '}' or ';' is probably missing")
    if isinstance(e, UnexpectedEOF):
        return Diagnostic(loc, "unexpected end of file", "a '}' or ';' is probably missing")
    expected = sorted({TOKEN_WORDS.get(t, repr(t.lower()) if t.isupper() else t)
                       for t in getattr(e, "expected", set()) or getattr(e, "allowed", set())})
    if isinstance(e, UnexpectedCharacters):
        got = repr(lines.text.split("\n")[e.line - 1][e.column - 1:e.column])
    else:
        got = repr(str(e.token))
    hint = f"expected {', '.join(expected[:8])}" if expected else ""
    return Diagnostic(loc, f"syntax error: unexpected {got}", hint)


def _unquote(s: str) -> str:
    return bytes(s[1:-1], "utf-8").decode("unicode_escape")


class _Build(Transformer):
    """Parse tree to AST nodes, each with its mapped Location."""

    def __init__(self, lines: LineMap):
        super().__init__()
        self.lines = lines

    def _loc(self, meta) -> Location:
        return self.lines.location(getattr(meta, "line", 1), getattr(meta, "column", 1))

    def _tloc(self, tok: Token) -> Location:
        return self.lines.location(tok.line, tok.column)

    def start(self, items):
        return ast.SourceFile("", [i for i in items if not isinstance(i, Token)])

    @v_args(meta=True)
    def import_stmt(self, meta, c):
        tok = c[0]
        return ast.Import(self._loc(meta), tok[1:-1], tok.type == "SYS_PATH")

    @v_args(meta=True)
    def include_stmt(self, meta, c):
        return ("include", c[0][1:-1])

    def struct_kw(self, _):
        return Token("NAME", "struct")

    @v_args(meta=True)
    def procedure(self, meta, c):
        methods = [m for m in c[1:] if isinstance(m, ast.Method)]
        includes = [i[1] for i in c[1:] if isinstance(i, tuple)]
        return ast.Procedure(self._loc(meta), str(c[0]), methods, includes)

    @v_args(meta=True)
    def method(self, meta, c):
        words = [w for w in c if isinstance(w, Token)]
        params = [p for p in c if isinstance(p, ast.Param)]
        return ast.Method(self._tloc(words[-1]), str(words[-1]), " ".join(map(str, words[:-1])), params)

    @v_args(meta=True)
    def param(self, meta, c):
        direction = "in"
        if c and isinstance(c[0], Token) and c[0].type == "DIRECTION":
            direction, c = str(c[0]), c[1:]
        array = "array" in c
        words = [w for w in c if isinstance(w, Token)]
        return ast.Param(self._tloc(words[-1]), direction, " ".join(map(str, words[:-1])), str(words[-1]), array)

    def array_suffix(self, _):
        return "array"

    @v_args(meta=True)
    def struct_def(self, meta, c):
        return ast.Struct(self._loc(meta), str(c[0]), [f for f in c[1:]])

    def field(self, c):
        words = [str(w) for w in c if isinstance(w, Token) and w.type != "INT"]
        return (" ".join(words[:-1]), words[-1])

    @v_args(meta=True)
    def connector(self, meta, c):
        return ast.Connector(self._loc(meta), str(c[0]))

    def connector_item(self, c):
        return None

    @v_args(meta=True)
    def component(self, meta, c):
        comp = ast.Component(self._loc(meta), str(c[0]))
        for item in c[1:]:
            match item:
                case "control":
                    comp.control = True
                case "hardware":
                    comp.hardware = True
                case ast.Interface():
                    comp.interfaces.append(item)
                case ast.Attribute():
                    comp.attributes.append(item)
                case ("has", kind, name, loc):
                    comp.synchronisation.append((kind, name, loc))
                case ("include", path):
                    comp.includes.append(path)
                case ast.Composition():
                    comp.composition = item
                case ast.Configuration():
                    comp.configuration = item
        return comp

    def control(self, _):
        return "control"

    def hardware(self, _):
        return "hardware"

    def _iface(self, kind, c, meta):
        optional = bool(c) and isinstance(c[0], Token) and c[0].type == "MAYBE"
        c = c[1:] if optional else c
        size = None
        if len(c) == 3:
            size = int(str(c[1]), 0)
            c = [c[0], c[2]]
        return ast.Interface(self._tloc(c[1]), kind, str(c[0]), str(c[1]), optional, size)

    @v_args(meta=True)
    def uses(self, meta, c):
        return self._iface("uses", c, meta)

    @v_args(meta=True)
    def provides(self, meta, c):
        return self._iface("provides", c, meta)

    @v_args(meta=True)
    def emits(self, meta, c):
        return self._iface("emits", c, meta)

    @v_args(meta=True)
    def consumes(self, meta, c):
        return self._iface("consumes", c, meta)

    @v_args(meta=True)
    def dataport(self, meta, c):
        return self._iface("dataport", c, meta)

    @v_args(meta=True)
    def attribute_decl(self, meta, c):
        words = [w for w in c if isinstance(w, Token) and w.type == "NAME"]
        rest = [v for v in c if not isinstance(v, Token) and v != "array"]
        default = rest[0] if rest else None
        return ast.Attribute(self._tloc(words[-1]), " ".join(map(str, words[:-1])), str(words[-1]), default)

    @v_args(meta=True)
    def has(self, meta, c):
        return ("has", str(c[0]), str(c[1]), self._tloc(c[1]))

    @v_args(meta=True)
    def assembly(self, meta, c):
        parts = [x for x in c if not isinstance(x, Token)]
        comp = next(x for x in parts if isinstance(x, ast.Composition))
        conf = next((x for x in parts if isinstance(x, ast.Configuration)), None)
        return ast.Assembly(self._loc(meta), comp, conf)

    @v_args(meta=True)
    def composition(self, meta, c):
        comp = ast.Composition(self._loc(meta))
        for item in c:
            if isinstance(item, ast.Instance):
                comp.instances.append(item)
            elif isinstance(item, ast.Connection):
                comp.connections.append(item)
            elif isinstance(item, ast.Export):
                comp.exports.append(item)
        return comp

    @v_args(meta=True)
    def instance(self, meta, c):
        return ast.Instance(self._tloc(c[1]), str(c[0]), str(c[1]), self._tloc(c[0]))

    @v_args(meta=True)
    def connection(self, meta, c):
        return ast.Connection(self._tloc(c[1]), str(c[0]), str(c[1]), list(c[2:]), self._tloc(c[0]))

    @v_args(meta=True)
    def end(self, meta, c):
        return ast.End(self._loc(meta), str(c[0]), c[1].path)

    @v_args(meta=True)
    def export(self, meta, c):
        return ast.Export(self._loc(meta), c[0].path, str(c[1]))

    @v_args(meta=True)
    def configuration(self, meta, c):
        return ast.Configuration(self._loc(meta), list(c))

    @v_args(meta=True)
    def setting(self, meta, c):
        return ast.Setting(self._loc(meta), c[0].path, c[1])

    @v_args(meta=True)
    def dotted(self, meta, c):
        return ast.Reference(self._loc(meta), [str(x) for x in c])

    def number(self, c):
        text = str(c[0])
        return int(text, 0) if re.fullmatch(r"-?(0[xX][0-9a-fA-F]+|\d+)", text) else float(text)

    def string(self, c):
        return _unquote(str(c[0]))

    def list(self, c):
        return list(c)

    def dict(self, c):
        return dict(c)

    def pair(self, c):
        key = str(c[0])
        return (_unquote(key) if key.startswith('"') else key, c[1])
