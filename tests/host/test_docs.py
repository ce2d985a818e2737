# SPDX-License-Identifier: BSD-2-Clause
"""The platform facts the code and the docs rely on are in the repository:
nothing cites a document outside it (the PLATFORM.md that used to be cited
never was in the repository), and every citation of docs/platform.md names
one of its sections, as a link (platform.md#anchor) or in a comment
(docs/platform.md, "Heading"). The second test proves the check can fail."""

import re
from pathlib import Path

from conftest import ROOT

TEXT = {".c", ".h", ".S", ".py", ".md", ".yaml", ".cmake", ".j2", ".in", ".txt", ".camkes"}
OUTSIDE = re.compile(r"PLATFORM\.md|\.\./shared/|DESIGN\.md|STYLE\.md")
LINK = re.compile(r"platform\.md#([\w-]+)")
COMMENT = re.compile(r'docs/platform\.md, "([^"]+)"')


def _anchor(heading: str) -> str:
    """GitHub's anchor for a Markdown heading."""
    return re.sub(r"[^\w\- ]", "", heading.strip().lower()).replace(" ", "-")


def bad_citations(root: Path) -> list[str]:
    doc = root / "docs" / "platform.md"
    headings = re.findall(r"^#+ (.+)$", doc.read_text(encoding="utf-8"), re.M) if doc.is_file() else []
    anchors = {_anchor(h) for h in headings}
    found = []
    for folder in ("arch", "boards", "cmake", "components", "docs", "examples", "kernel", "sdk", "templates",
                   "tests", "tools"):
        for path in sorted((root / folder).rglob("*")):
            if path.suffix not in TEXT or not path.is_file() or path.name == "test_docs.py":
                continue
            text = path.read_text(encoding="utf-8", errors="replace")
            where = path.relative_to(root)
            for m in OUTSIDE.finditer(text):
                found.append(f"{where}: cites {m.group(0)}, which is not in the repository")
            found += [f"{where}: no section #{m.group(1)} in docs/platform.md"
                      for m in LINK.finditer(text) if m.group(1) not in anchors]
            found += [f"{where}: no section \"{m.group(1)}\" in docs/platform.md"
                      for m in COMMENT.finditer(text) if m.group(1) not in headings]
    return found


def test_platform_facts_are_cited_from_the_repository():
    assert bad_citations(ROOT) == []


def test_the_citation_check_can_fail(tmp_path):
    (tmp_path / "docs").mkdir()
    (tmp_path / "docs" / "platform.md").write_text("# Platform facts\n\n## x86_64 PC\n")
    (tmp_path / "arch" / "x86").mkdir(parents=True)
    (tmp_path / "arch" / "x86" / "a.c").write_text('/* (PLATFORM.md §4) */\n/* docs/platform.md, "x86 PC" */\n')
    (tmp_path / "docs" / "boot.md").write_text("[ok](platform.md#x86_64-pc) [bad](platform.md#kvm)\n")
    found = bad_citations(tmp_path)
    assert len(found) == 3, found
    assert any("PLATFORM.md" in f for f in found) and any('"x86 PC"' in f for f in found)
    assert any("#kvm" in f for f in found)
