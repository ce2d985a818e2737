# SPDX-License-Identifier: BSD-2-Clause
"""The layering rule (kernel/include/arch.h): kernel/ is architecture
independent. It never tests an architecture in the preprocessor (#if/#ifdef on
__arm__, __x86_64__, CONFIG_ARCH_..., ...), and it reaches architecture code
only through arch.h and the include path's <arch/...> headers from
arch/<arch>/include, never by naming an architecture's folder or including
anything else under arch/. The second test proves the check can fail."""

import os
import re
from pathlib import Path

from conftest import ROOT

SOURCE_SUFFIXES = {".c", ".h", ".S", ".s", ".inc"}

# Predefined and build macros that name an architecture or CPU.
ARCH_MACRO = re.compile(
    r"\b(__arm__|__aarch64__|__thumb2?__|__ARM_\w+|__ARMEL__|__ARMEB__|__x86_64__|__amd64__|"
    r"__i[3-6]86__|__x86__|_M_X64|_M_ARM\w*|__riscv\w*|__mips\w*|__powerpc\w*|__ppc\w*|"
    r"CONFIG_ARCH\w*|ARCH_(ARM|X86|AARCH64|RISCV|I386|AMD64)\w*)\b")
CONDITIONAL = re.compile(r"^\s*#\s*(if|ifdef|ifndef|elif|elifdef|elifndef)\b(.*)$")
INCLUDE = re.compile(r'^\s*#\s*include\s*([<"])([^>"]+)[>"]')
COMMENT = re.compile(r"/\*.*?\*/|//[^\n]*", re.S)


def _lines(path: Path):
    """The file's lines with comments blanked (newlines kept, so numbers stay)."""
    text = COMMENT.sub(lambda m: "\n" * m.group(0).count("\n"), path.read_text(encoding="utf-8"))
    text = text.replace("\\\n", " ")     # joined continuation lines keep their first number
    return enumerate(text.split("\n"), start=1)


def _under(path: str, folder: Path) -> bool:
    return os.path.commonpath([path, str(folder)]) == str(folder)


def violations(root: Path) -> list[str]:
    """Every breach of the layering rule in root/kernel, as 'file:line: what'."""
    arch_dir = root / "arch"
    arches = sorted(p for p in arch_dir.iterdir() if p.is_dir()) if arch_dir.is_dir() else []
    names_arch = re.compile(r"(^|/)arch/(" + "|".join(re.escape(a.name) for a in arches) + r")/") \
        if arches else None
    found = []
    for path in sorted((root / "kernel").rglob("*")):
        if path.suffix not in SOURCE_SUFFIXES or not path.is_file():
            continue
        where = path.relative_to(root)
        for number, line in _lines(path):
            cond = CONDITIONAL.match(line)
            macro = ARCH_MACRO.search(cond.group(2)) if cond else None
            if macro:
                found.append(f"{where}:{number}: #{cond.group(1)} on an architecture: {macro.group(0)}")
            inc = INCLUDE.match(line)
            if not inc:
                continue
            name = inc.group(2)
            if names_arch is not None and names_arch.search(name):
                found.append(f"{where}:{number}: #include names an architecture's folder: {name}")
                continue
            bases = ([path.parent] if inc.group(1) == '"' else []) + [root / "kernel" / "include"] + \
                [a / "include" for a in arches]
            for base in bases:
                target = os.path.normpath(base / name)
                arch = next((a for a in arches if _under(target, a)), None)
                if arch is not None and not _under(target, arch / "include"):
                    found.append(f"{where}:{number}: #include reaches into {arch.relative_to(root)}/ "
                                 f"outside its include folder: {name}")
                    break
    return found


def test_kernel_is_architecture_independent():
    assert violations(ROOT) == []


def test_the_check_finds_every_kind_of_breach(tmp_path):
    (tmp_path / "arch" / "arm" / "include" / "arch").mkdir(parents=True)
    (tmp_path / "arch" / "x86_64" / "include" / "arch").mkdir(parents=True)
    (tmp_path / "kernel" / "include" / "kernel").mkdir(parents=True)
    (tmp_path / "kernel" / "good.c").write_text(
        "#include <arch.h>\n#include <arch/types.h>\n#include <kernel/thread.h>\n"
        "#if IS_ENABLED(CONFIG_FAULT_INJECTION)\n#endif\n"
        "/* #ifdef __arm__ in a comment is fine */\n#ifndef KERNEL_THREAD_H\n#endif\n")
    (tmp_path / "kernel" / "bad.c").write_text(
        "#ifdef __arm__\n#endif\n"
        "#if defined(__x86_64__) && 1\n#elif CONFIG_ARCH_ARM\n#endif\n"
        "#include \"../arch/arm/mmu.c\"\n"
        "#include <arch/x86_64/include/arch/cpu.h>\n"
        "#include <../trap.c>\n")
    (tmp_path / "kernel" / "include" / "kernel" / "bad.h").write_text("# ifndef __aarch64__\n#endif\n")
    assert violations(tmp_path) == [
        "kernel/bad.c:1: #ifdef on an architecture: __arm__",
        "kernel/bad.c:3: #if on an architecture: __x86_64__",
        "kernel/bad.c:4: #elif on an architecture: CONFIG_ARCH_ARM",
        "kernel/bad.c:6: #include names an architecture's folder: ../arch/arm/mmu.c",
        "kernel/bad.c:7: #include names an architecture's folder: arch/x86_64/include/arch/cpu.h",
        "kernel/bad.c:8: #include reaches into arch/arm/ outside its include folder: ../trap.c",
        "kernel/include/kernel/bad.h:1: #ifndef on an architecture: __aarch64__",
    ]
