# SPDX-License-Identifier: BSD-2-Clause
"""`tessera graph`: a system's components and connections as Graphviz DOT, and
SVG through Graphviz's `dot`. One box per component instance (a hardware
component is drawn as a device), one edge per connection end, labelled with the
connection and its connector; compound components are clusters."""

import shutil
import subprocess
from pathlib import Path

from . import connectors
from .errors import TesseraError
from .model import Checked


def _q(text: str) -> str:
    """A DOT string; `\\n` in text stays DOT's line break."""
    return '"' + text.replace('"', '\\"') + '"'


def dot(checked: Checked) -> str:
    system = checked.system
    lines = [f"digraph {_q(system.prog.root.stem)} {{", "    rankdir=LR;",
             '    node [shape=box, style="rounded,filled", fillcolor="#eef3f8", fontname="Helvetica"];',
             '    edge [fontname="Helvetica", fontsize=10];']
    clusters: dict[str, list[str]] = {}
    for inst in system.instances.values():
        attrs = ', shape=component, fillcolor="#f3e5f5"' if inst.comp.hardware else ""
        node = f"{_q(inst.name)} [label={_q(inst.name + chr(92) + 'n' + inst.type)}{attrs}];"
        clusters.setdefault(inst.outer, []).append(node)
    lines += ["    " + n for n in clusters.pop("", [])]
    for i, (outer, nodes) in enumerate(sorted(clusters.items())):
        lines += [f"    subgraph cluster_{i} {{", f"        label={_q(outer)}; style=dashed;",
                  *["        " + n for n in nodes], "    }"]
    for conn in system.connections:
        style = connectors.by_name(conn.connector).style
        for to in [e for e in conn.ends if e.direction == "to"]:
            for end in conn.ends:
                if end.direction != "from":
                    continue
                label = chr(92).join([conn.name, f"n{conn.connector}", f"n{end.iface.name} -> {to.iface.name}"])
                lines.append(f"    {_q(end.instance)} -> {_q(to.instance)} [label={_q(label)}, {style}];")
    lines.append("}")
    return "\n".join(lines) + "\n"


def write(checked: Checked, out_dir: Path) -> tuple[Path, Path | None]:
    dot_path = out_dir / f"{checked.system.prog.root.stem}.dot"
    try:
        out_dir.mkdir(parents=True, exist_ok=True)
        dot_path.write_text(dot(checked), encoding="utf-8")
    except OSError as e:
        raise TesseraError(f"cannot write {e.filename or dot_path}: {e.strerror or e}") from None
    exe = shutil.which("dot")
    if exe is None:
        raise TesseraError("Graphviz's `dot` is not installed (Debian package graphviz; ./tessera setup installs it)")
    svg_path = dot_path.with_suffix(".svg")
    done = subprocess.run([exe, "-Tsvg", str(dot_path), "-o", str(svg_path)], capture_output=True, text=True)
    if done.returncode != 0:
        raise TesseraError(f"dot failed: {(done.stderr.strip().splitlines() or ['no output'])[0]}")
    return dot_path, svg_path
