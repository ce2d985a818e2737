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
from lark.exceptions import UnexpectedCharacters, UnexpectedEOF, UnexpectedInput, UnexpectedToken, VisitError

from ..errors import Diagnostic, Location
from . import ast

GRAMMAR = Path(__file__).with_name("camkes.lark")
DIRECTIVE = re.compile(r"^\s*#\s*(include|define|undef|if|ifdef|ifndef|elif|else|endif|error|pragma)\b", re.M)
LINEMARKER = re.compile(r'^#\s*(\d+)\s+"((?:[^"\\]|\\.)*)"')
ESCAPE = re.compile(r"\\(x[0-9a-fA-F]{1,2}|[0-7]{1,3}|.)", re.S)
ESCAPES = {"n": "\n", "t": "\t", "r": "\r", "a": "\a", "b": "\b", "f": "\f", "v": "\v", "\\": "\\", '"': '"',
           "'": "'", "?": "?"}
CPP_ERROR = re.compile(r"(.+?):(\d+):(?:(\d+):)? (?:fatal )?error: (.*)")

# What a user sees instead of Lark's terminal names.
TOKEN_WORDS = {
    "SEMICOLON": "';'", "LBRACE": "'{'", "RBRACE": "'}'", "LPAR": "'('", "RPAR": "')'",
    "COMMA": "','", "EQUAL": "'='", "DOT": "'.'", "NAME": "a name", "STRING": "a string",
    "SIGNED_NUMBER": "a number", "HEX": "a number", "INT": "a number", "SYS_PATH": "<file>",
    "LSQB": "'['", "RSQB": "']'", "COLON": "':'", "MORETHAN": "'>'", "EXPORT_ARROW": "'->'",
    "ALIAS_ARROW": "'<-'", "SHL": "'<<'", "SHR": "'>>'", "PLUS": "'+'", "MINUS": "'-'", "STAR": "'*'",
    "SLASH": "'/'", "PERCENT": "'%'",
    "DIRECTION": "'in', 'out', 'inout', 'refin'", "HAS_KIND": "'mutex', 'semaphore', 'binary_semaphore'",
}


@functools.lru_cache(maxsize=1)
def _parser() -> Lark:
    return Lark(GRAMMAR.read_text(encoding="utf-8"), parser="lalr", propagate_positions=True,
                maybe_placeholders=False)


class LineMap:
    """Maps a line of the text handed to the parser to (file, line) of the source.
    cpp squeezes runs of blanks inside a line, so after cpp a column is found
    again in the source line by counting the characters that are not blanks."""

    def __init__(self, path: str, text: str):
        self.path = path
        self.entries: list[tuple[str, int]] = []
        self.preprocessed = False
        self.text = self._strip_markers(path, text)
        self.lines = self.text.split("\n")
        self._sources: dict[str, list[str]] = {}

    def _strip_markers(self, path: str, text: str) -> str:
        out = []
        cur_file, cur_line = path, 1
        for line in text.split("\n"):
            m = LINEMARKER.match(line)
            if m:
                self.preprocessed = True
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
            if self.preprocessed and src_line > 0:
                column = _same_column(self.lines[line - 1], self._source_line(file, src_line), column)
            return Location(file, max(src_line, 1), column)
        return Location(self.path, line, column)

    def _source_line(self, file: str, line: int) -> str | None:
        if file not in self._sources:
            try:
                self._sources[file] = Path(file).read_text(encoding="utf-8", errors="replace").split("\n")
            except OSError:
                self._sources[file] = []
        lines = self._sources[file]
        return lines[line - 1] if line <= len(lines) else None


def _same_column(out: str, source: str | None, column: int) -> int:
    """The column in `source` of the character at `column` in cpp's `out`, where
    the two differ only in blanks (else `column` unchanged)."""
    if source is None or out == source:
        return column
    solid = sum(1 for ch in out[:column - 1] if not ch.isspace())
    for i, ch in enumerate(source):
        if not ch.isspace():
            if solid == 0:
                return i + 1
            solid -= 1
    return column


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
    _check_includes(path, text, [path.parent, *include_dirs])
    try:
        proc = subprocess.run(cmd, input=text, capture_output=True, text=True, timeout=CPP_SECONDS)
    except subprocess.TimeoutExpired:
        raise Diagnostic(Location(str(path), 1, 1), f"the C preprocessor did not finish in {CPP_SECONDS} s",
                         "an #include may name a file that never ends, or the macros recurse without end") from None
    if proc.returncode != 0:
        raise _cpp_error(path, proc.stderr)
    return proc.stdout.replace('"<stdin>"', f'"{path}"')


CPP_SECONDS = 30
INCLUDE = re.compile(r'^[ \t]*#[ \t]*include[ \t]*["<]([^">\n]+)[">]', re.M)


def _check_includes(path: Path, text: str, dirs: list[Path]) -> None:
    """An #include that names a device or other file that is not a regular one
    (/dev/zero would never end) is refused before cpp reads it."""
    for m in INCLUDE.finditer(text):
        name = m.group(1)
        for base in [Path("/")] if name.startswith("/") else dirs:
            try:
                candidate = Path(base) / name
                special = candidate.exists() and not candidate.is_file() and not candidate.is_dir()
            except (OSError, ValueError):
                break
            if special:
                line = text.count("\n", 0, m.start()) + 1
                raise Diagnostic(Location(str(path), line, m.start(1) - m.start() + 1),
                                 f"#include \"{name}\" is not a regular file", "include a header file")


def _cpp_error(path: Path, stderr: str) -> Diagnostic:
    """The first error cpp reported (an #error, a missing header, an unterminated
    #if), at the file and line it names."""
    for line in stderr.splitlines():
        m = CPP_ERROR.match(line)
        if m:
            file = str(path) if m.group(1) == "<stdin>" else m.group(1)
            return Diagnostic(Location(file, int(m.group(2)), int(m.group(3) or 1)), m.group(4),
                              "check the #include paths, the #if conditions and any #error")
    first = (stderr.strip().splitlines() or ["the C preprocessor failed"])[0]
    return Diagnostic(Location(str(path), 1, 1), first, "run cpp over the file by hand to see why")


def parse_file(path: Path, include_dirs: list[Path] = (), defines: list[str] = ()) -> ast.SourceFile:
    try:
        data = path.read_bytes()
    except OSError as e:
        raise Diagnostic(None, f"cannot read {path}: {e.strerror or e}",
                         "check that the file exists and that you may read it") from None
    try:
        text = data.decode("utf-8").replace("\r\n", "\n").replace("\r", "\n")
    except UnicodeDecodeError as e:
        start = data.rfind(b"\n", 0, e.start) + 1
        column = len(data[start:e.start].decode("utf-8", errors="replace")) + 1
        raise Diagnostic(Location(str(path), data.count(b"\n", 0, e.start) + 1, column),
                         f"byte {data[e.start]:#04x} is not UTF-8 text", "save the file as UTF-8") from None
    return parse_text(str(path), preprocess(path, text, list(include_dirs), list(defines)))


MAX_NESTING = 64         # brackets, braces and parentheses inside one another


def _check_nesting(lines: "LineMap") -> None:
    """Refuses text nested deeper than MAX_NESTING (a value of lists in lists
    500 deep would exhaust the AST builder's recursion), at the bracket that
    goes too deep. Strings and comments are skipped."""
    depth, i, text = 0, 0, lines.text
    n = len(text)
    while i < n:
        c = text[i]
        if c == '"':
            i += 1
            while i < n and text[i] not in '"\n':
                i += 2 if text[i] == "\\" else 1
        elif text.startswith("//", i):
            i = text.find("\n", i)
            i = n if i < 0 else i
        elif text.startswith("/*", i):
            i = text.find("*/", i + 2)
            i = n if i < 0 else i + 1
        elif c in "[{(":
            depth += 1
            if depth > MAX_NESTING:
                line = text.count("\n", 0, i) + 1
                column = i - (text.rfind("\n", 0, i) + 1) + 1
                raise Diagnostic(lines.location(line, column), f"nested more than {MAX_NESTING} deep",
                                 "flatten the value: lists, structs and parentheses nest at most "
                                 f"{MAX_NESTING} levels")
        elif c in "]})":
            depth = max(0, depth - 1)
        i += 1


def parse_text(path: str, text: str) -> ast.SourceFile:
    lines = LineMap(path, text)
    _check_nesting(lines)
    try:
        tree = _parser().parse(lines.text)
    except UnexpectedInput as e:
        raise _syntax_error(e, lines) from None
    try:
        return ast.SourceFile(path, _Build(lines).transform(tree).items)
    except VisitError as e:             # a Diagnostic raised while building the AST
        if isinstance(e.orig_exc, Diagnostic):
            raise e.orig_exc from None
        raise


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


def _describe(v) -> str:
    if isinstance(v, ast.Reference):
        return "'" + ".".join(v.path) + "'"
    if isinstance(v, str):
        return f'"{v}"'
    return "a list" if isinstance(v, list) else "a struct" if isinstance(v, dict) else repr(v)


def _unquote(tok: Token, loc: Location) -> str:
    """A string literal's value, with C's backslash escapes."""
    def escape(m: re.Match) -> str:
        e = m.group(1)
        if e in ESCAPES:
            return ESCAPES[e]
        if re.fullmatch(r"x[0-9a-fA-F]{1,2}|[0-7]{1,3}", e):
            return chr(int(e[1:], 16) if e[0] == "x" else int(e, 8))
        raise Diagnostic(Location(loc.path, loc.line, loc.column + 1 + m.start()), f"bad escape in string: \\{e}",
                         'use C escapes: \\n, \\t, \\", \\\\ (a backslash), \\xNN or \\ooo')
    return ESCAPE.sub(escape, tok[1:-1])


def _number(tok: Token, loc: Location) -> int | float:
    """A number as C reads it: 0x... hexadecimal, a leading 0 octal, else decimal or floating."""
    text = str(tok)
    digits = text.lstrip("+-")
    if re.fullmatch(r"0[xX][0-9a-fA-F]+", digits):
        return int(text, 16)
    if re.fullmatch(r"0[0-7]+", digits):
        return int(text, 8)
    if re.fullmatch(r"0\d+", digits):
        raise Diagnostic(loc, f"'{text}' is not a valid number: a leading 0 means octal, as in C",
                         f"write {int(text, 10)} without the leading 0")
    if digits.isdigit():
        return int(text, 10)
    return float(text)


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
        if len(params) == 1 and params[0].type == "" and params[0].name == "void" and not params[0].array \
                and params[0].direction == "in" and not params[0].explicit_direction:
            params = []                         # C's `f(void)`: no parameters
        return ast.Method(self._tloc(words[-1]), str(words[-1]), " ".join(map(str, words[:-1])), params)

    @v_args(meta=True)
    def param(self, meta, c):
        direction, explicit = "in", False
        if c and isinstance(c[0], Token) and c[0].type == "DIRECTION":
            direction, explicit, c = str(c[0]), True, c[1:]
        array = "array" in c
        words = [w for w in c if isinstance(w, Token)]
        return ast.Param(self._tloc(words[-1]), direction, " ".join(map(str, words[:-1])), str(words[-1]), array,
                         explicit)

    def array_suffix(self, _):
        return "array"

    @v_args(meta=True)
    def struct_def(self, meta, c):
        return ast.Struct(self._loc(meta), str(c[0]), [f[:2] for f in c[1:]], [f[2] for f in c[1:]])

    def field(self, c):
        words = [w for w in c if isinstance(w, Token) and w.type != "INT"]
        dims = "".join(f"[{n}]" for n in c if isinstance(n, Token) and n.type == "INT")
        return (" ".join(map(str, words[:-1])), str(words[-1]) + dims, self._tloc(words[-1]))

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
            size = _number(c[1], self._tloc(c[1]))
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
        return ast.Attribute(self._tloc(words[-1]), " ".join(map(str, words[:-1])), str(words[-1]), default,
                             "array" in c)

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
            elif isinstance(item, ast.Group):
                comp.groups.append(item)
                comp.instances += item.instances
        return comp

    @v_args(meta=True)
    def group(self, meta, c):
        name = next((str(x) for x in c if isinstance(x, Token)), "")
        return ast.Group(self._loc(meta), name, [x for x in c if isinstance(x, ast.Instance)])

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
        return ast.Export(self._loc(meta), c[0].path, str(c[2]))

    @v_args(meta=True)
    def configuration(self, meta, c):
        return ast.Configuration(self._loc(meta), list(c))

    @v_args(meta=True)
    def setting(self, meta, c):
        return ast.Setting(self._loc(meta), c[0].path, c[1])

    @v_args(meta=True)
    def alias(self, meta, c):
        return ast.Setting(self._loc(meta), c[0].path, ast.Alias(c[2].loc, c[2].path))

    # Integer (and floating-point) expressions, folded here: C's operators and
    # precedence; `/` and `%` truncate toward zero as in C.
    def _operands(self, meta, c, what):
        for v in c:
            if not isinstance(v, (int, float)) or isinstance(v, bool):
                raise Diagnostic(self._loc(meta), f"'{what}' needs numbers; {_describe(v)} is not one",
                                 "an expression combines numbers: e.g. `4096 * 4` or `(1 << 12) + 16`")
        return c

    @v_args(meta=True)
    def add(self, meta, c):
        a, b = self._operands(meta, c, "+")
        return a + b

    @v_args(meta=True)
    def sub(self, meta, c):
        a, b = self._operands(meta, c, "-")
        return a - b

    @v_args(meta=True)
    def mul(self, meta, c):
        a, b = self._operands(meta, c, "*")
        return a * b

    @v_args(meta=True)
    def div(self, meta, c):
        a, b = self._operands(meta, c, "/")
        if b == 0:
            raise Diagnostic(self._loc(meta), "division by zero", "check the expression's divisor")
        if isinstance(a, float) or isinstance(b, float):
            return a / b
        q = abs(a) // abs(b)
        return q if (a >= 0) == (b >= 0) else -q

    @v_args(meta=True)
    def mod(self, meta, c):
        a, b = self._operands(meta, c, "%")
        if b == 0 or isinstance(a, float) or isinstance(b, float):
            raise Diagnostic(self._loc(meta), "'%' needs a whole, non-zero divisor", "check the expression")
        r = abs(a) % abs(b)
        return r if a >= 0 else -r

    @v_args(meta=True)
    def neg(self, meta, c):
        (a,) = self._operands(meta, c, "-")
        return -a

    @v_args(meta=True)
    def shl(self, meta, c):
        a, b = self._operands(meta, [c[0], c[2]], "<<")
        if isinstance(a, float) or isinstance(b, float) or not 0 <= b < 128:
            raise Diagnostic(self._loc(meta), "'<<' shifts a whole number by 0 to 127", "check the expression")
        return a << b

    @v_args(meta=True)
    def shr(self, meta, c):
        a, b = self._operands(meta, [c[0], c[2]], ">>")
        if isinstance(a, float) or isinstance(b, float) or not 0 <= b < 128:
            raise Diagnostic(self._loc(meta), "'>>' shifts a whole number by 0 to 127", "check the expression")
        return a >> b

    @v_args(meta=True)
    def dotted(self, meta, c):
        return ast.Reference(self._loc(meta), [str(x) for x in c])

    def number(self, c):
        return _number(c[0], self._tloc(c[0]))

    def string(self, c):
        return _unquote(c[0], self._tloc(c[0]))

    def list(self, c):
        return list(c)

    @v_args(meta=True)
    def call(self, meta, c):
        return ast.Call(self._loc(meta), str(c[0]), [a for a in c[1:] if a is not None])

    def dict(self, c):
        return dict(c)

    def pair(self, c):
        key = str(c[0])
        return (_unquote(c[0], self._tloc(c[0])) if key.startswith('"') else key, c[1])
