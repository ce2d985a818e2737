# SPDX-License-Identifier: BSD-2-Clause
"""Errors that reach a user: one readable message, never a traceback."""

from dataclasses import dataclass


class TesseraError(Exception):
    """A failure the CLI reports as one line and exit status `status`."""

    def __init__(self, message: str, status: int = 1):
        super().__init__(message)
        self.status = status


@dataclass(frozen=True)
class Location:
    """A position in a source file; line and column count from 1."""

    path: str
    line: int
    column: int

    def __str__(self) -> str:
        return f"{self.path}:{self.line}:{self.column}"


class Diagnostic(TesseraError):
    """A problem in a system description, reported as
    `file:line:col: error: message`, the source line with a caret, and a hint."""

    def __init__(self, loc: Location | None, message: str, hint: str = ""):
        super().__init__(message, status=1)
        self.loc = loc
        self.message = message
        self.hint = hint

    def render(self) -> str:
        return _render(self.loc, "error", self.message, self.hint)


@dataclass(frozen=True)
class Note:
    """Something a user should know that does not stop the build, reported as
    `file:line:col: warning: message` (or `note:`) with the line and a hint."""
    loc: Location
    message: str
    hint: str = ""
    kind: str = "note"

    def render(self) -> str:
        return _render(self.loc, self.kind, self.message, self.hint)


def _render(loc: Location | None, kind: str, message: str, hint: str) -> str:
    """`file:line:col: kind: message`, the source line with a caret under the
    column, and the hint."""
    if loc is None:
        text = f"{kind}: {message}"
    else:
        text = f"{loc}: {kind}: {message}"
        source = _source_line(loc)
        if source is not None:
            text += f"\n    {source}\n    {' ' * (loc.column - 1)}^"
    if hint:
        text += f"\n  hint: {hint}"
    return text


def _source_line(loc: Location) -> str | None:
    try:
        with open(loc.path, encoding="utf-8", errors="replace") as f:
            lines = f.read().split("\n")        # as the parser counts lines (not form feeds)
    except OSError:
        return None
    if 1 <= loc.line <= len(lines):
        return lines[loc.line - 1].expandtabs(1)
    return None


def internal_error(exc: BaseException) -> str:
    """The one line a user sees for a bug in Tessera itself (never a traceback)."""
    import traceback
    frame = traceback.extract_tb(exc.__traceback__)[-1] if exc.__traceback__ else None
    where = f" at {frame.filename.rsplit('/', 1)[-1]}:{frame.lineno}" if frame else ""
    return (f"tessera: internal error: {type(exc).__name__}: {exc}{where} "
            "(a bug in Tessera; please report it with the command you ran)")


def render(error: TesseraError) -> str:
    """What a user reads for `error`: a Diagnostic's report, else one line
    `tessera: error: ...`, after the output of a failed tool when it carries one."""
    if isinstance(error, Diagnostic):
        return error.render()
    output = getattr(error, "output", "")
    if output and not output.endswith("\n"):
        output += "\n"
    return f"{output}tessera: error: {error}"
