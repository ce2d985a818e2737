# SPDX-License-Identifier: BSD-2-Clause
"""kernel/api.yaml is the one source of truth: the header, the component linker
scripts and the API doc are rendered from it, numbers are unique, the
checked-in doc is current, no number it owns is written down anywhere else,
and the architectures follow its register convention. Each check that scans
the tree also proves, on a planted copy, that it can fail."""

import re
from pathlib import Path

from tessera import abi
from tessera.paths import ROOT


def test_numbers_are_unique():
    api = abi.load()
    for section, key in (("syscalls", "number"), ("errors", "value")):
        values = [v[key] for v in api[section].values()]
        assert len(values) == len(set(values)), f"duplicate {key} in {section}"


def test_header_defines_every_call_and_error():
    api = abi.load()
    header = abi.render_header(api)
    for name, call in api["syscalls"].items():
        assert f"#define SYS_{name.upper()} {call['number']}\n" in header
    for name, err in api["errors"].items():
        assert f"#define ERR_{name} {err['value']}\n" in header


def test_kernel_api_doc_is_current():
    doc = (ROOT / "docs" / "kernel-api.md").read_text()
    assert doc == abi.render_markdown(abi.load()), "regenerate: cd sdk && python3 -m tessera.abi"


# ---- The numbers shared by kernel, runtime and generator (layout, rights) ----

LAYOUT_NAMES = "PAGE|PAGE_SIZE|IMAGE_BASE|IPC_BUFFER_BASE|STACK_REGION_TOP|DATAPORT_BASE|RIGHTS|DEVICE|SHARED"
# A Python assignment of a literal number (or a dict of them) to one of those names.
PY_COPY = re.compile(rf"^\s*({LAYOUT_NAMES})\s*=\s*(0[xX][0-9a-fA-F]+|\d+|\{{[^}}]*\d)", re.M)
# A C definition of a name that tessera/abi.h generates.
C_COPY = re.compile(r"^\s*#\s*define\s+(VSPACE_\w+|LAYOUT_\w+|PAGE_SIZE|SLOT_\w+|FAULT_MR_\w+|FAULT_RESUME_MR_\w+)\b",
                    re.M)
# Where a component's layout is described in prose: only by name, never by number.
LAYOUT_DOCS = ("architecture.md", "getting-started.md", "adl.md")


def _spellings(value: int) -> set[str]:
    return {f"0x{value:08x}", f"0x{value:x}"}


def copies(root: Path, api: dict) -> list[str]:
    """Every place under `root` that writes down a number kernel/api.yaml owns
    (the layout, the mapping rights, the register and fault slots) instead of
    taking it from tessera.abi or tessera/abi.h, as 'file:line: what'."""
    found = []

    def scan(paths, pattern, what):
        for path in sorted(paths):
            text = path.read_text(encoding="utf-8")
            for m in pattern.finditer(text):
                line = text.count("\n", 0, m.start()) + 1
                found.append(f"{path.relative_to(root)}:{line}: {what}: {m.group(0).strip()}")

    scan((root / "sdk").rglob("*.py"), PY_COPY, "a copy of a tessera.abi constant")
    c_files = [p for d in ("kernel", "arch", "sdk/runtime", "templates", "components", "tests/unit")
               for p in (root / d).rglob("*") if p.suffix in (".c", ".h", ".S", ".j2") and p.is_file()]
    scan(c_files, C_COPY, "a definition that tessera/abi.h generates")
    addresses = {v["value"] for v in api["layout"].values()}
    literal = re.compile("|".join(sorted((re.escape(s) + r"\b" for v in addresses for s in _spellings(v)),
                                         key=len, reverse=True)) + r"|\b4096\b")
    scan((root / "sdk" / "runtime" / "lib").glob("*/component.ld*"), literal, "a layout number in a linker script")
    big = {v["value"] for k, v in api["layout"].items() if k != "PAGE_SIZE"}
    in_docs = re.compile("|".join(re.escape(f"0x{v:08x}") for v in big))
    scan([root / "docs" / d for d in LAYOUT_DOCS if (root / "docs" / d).is_file()], in_docs,
         "a layout address in the docs (name it, and link kernel-api.md)")
    return found


def test_no_number_of_api_yaml_is_written_twice():
    assert copies(ROOT, abi.load()) == []


def test_the_copy_check_can_fail(tmp_path):
    """Plant one copy of each kind in a scratch tree: each is found."""
    files = {
        "sdk/tessera/image.py": "PAGE = 4096\nRIGHTS = {\"R\": 1, \"W\": 2}\n",
        "sdk/tessera/allocate.py": "DATAPORT_BASE = 0x20000000\n",
        "kernel/include/kernel/spec.h": "#define VSPACE_DEVICE 8u\n",
        "arch/arm/trap.c": "#define SLOT_BADGE 6\n",
        "sdk/runtime/lib/arm/component.ld.in": ". = 0x00010000;\n. = ALIGN(4096);\n",
        "docs/architecture.md": "| `0x00e00000` | IPC buffers |\n",
    }
    for name, text in files.items():
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / name).write_text(text)
    found = copies(tmp_path, abi.load())
    for name in files:
        assert any(f.startswith(name + ":") for f in found), f"{name}: copy not found in {found}"
    assert len(found) == 8, found


def test_header_defines_the_layout_and_the_rights():
    api = abi.load()
    header = abi.render_header(api)
    for name, entry in api["layout"].items():
        assert f"#define LAYOUT_{name} 0x{entry['value']:08x}\n" in header
    for name, right in api["mapping_rights"].items():
        assert f"#define VSPACE_{name} {right['value']}u\n" in header
    for name, slot in api["registers"]["slots"].items():
        assert f"#define SLOT_{name} {slot['slot']}\n" in header
    assert abi.PAGE_SIZE == api["layout"]["PAGE_SIZE"]["value"]
    assert abi.MAPPING_RIGHTS == {n: r["value"] for n, r in api["mapping_rights"].items()}


def test_linker_scripts_are_rendered_from_the_layout():
    api = abi.load()
    for arch in sorted(p.name for p in (ROOT / "arch").iterdir() if p.is_dir()):
        script = abi.linker_script(arch, api)
        assert f". = 0x{abi.IMAGE_BASE:08x};" in script, arch
        assert f"ALIGN(0x{abi.PAGE_SIZE:08x})" in script, arch
        assert not re.search(r"@\w+@", script), arch


def test_an_unknown_layout_name_is_refused():
    try:
        abi.render_linker_script(". = @LAYOUT_IMAGE_BAS@;", abi.load())
    except KeyError as e:
        assert "@LAYOUT_IMAGE_BAS@" in str(e)
    else:
        raise AssertionError("a misspelt layout name reached the script")


# ---- Register and message slots ----

def test_message_arguments_sit_in_their_slots():
    """A call's `args` list is its register slots: a capability, the info and
    MR0-MR3 must sit where SLOT_* says, for every call."""
    api = abi.load()
    slots = {name: s["slot"] for name, s in api["registers"]["slots"].items()}
    for name, call in api["syscalls"].items():
        for i, arg in enumerate(call.get("args", [])):
            if arg in abi.MESSAGE_ARGS:
                assert slots[abi.MESSAGE_ARGS[arg]] == i, f"{name}: {arg} is argument {i}"
    assert all(len(api["registers"][arch]) == 7 for arch in ("arm", "x86_64"))


def x86_switch(text: str) -> dict[str, str]:
    """SLOT_x -> register, from arch/x86_64/vspace.c's syscall_register()."""
    body = text[text.index("syscall_register(struct arch_context"):]
    body = body[:body.index("\n}\n")]
    return dict(re.findall(r"case SLOT_(\w+):\s*return &ctx->(\w+);", body)) | \
        {"default": re.search(r"default:\s*return &ctx->(\w+);", body).group(1)}


def test_architectures_follow_the_register_convention():
    """arch/*/vspace.c maps slots to registers as kernel/api.yaml lists them."""
    api = abi.load()
    regs = api["registers"]
    slots = {name: s["slot"] for name, s in regs["slots"].items()}
    arm = (ROOT / "arch" / "arm" / "vspace.c").read_text()
    assert regs["arm"] == [f"r{i}" for i in range(7)], "arch/arm/vspace.c reads slot i from r<i>"
    assert f"#define SYSCALL_NUMBER_REG {regs['number']['arm'][1:]}\n" in arm
    switch = x86_switch((ROOT / "arch" / "x86_64" / "vspace.c").read_text())
    seen = {slots[name]: reg for name, reg in switch.items() if name != "default"}
    seen.setdefault(slots["BADGE"], switch["default"])
    assert [seen[i] for i in range(7)] == regs["x86_64"]
    assert "return ctx->" + regs["number"]["x86_64"] + ";" in (ROOT / "arch" / "x86_64" / "vspace.c").read_text()


def test_the_convention_check_can_fail():
    swapped = ("static uint64_t *syscall_register(struct arch_context *ctx, unsigned slot)\n{\n"
               "    switch (slot) {\n    case SLOT_CAP: return &ctx->rsi;\n    case SLOT_INFO: return &ctx->rdi;\n"
               "    default: return &ctx->rbx;\n    }\n}\n")
    assert x86_switch(swapped) == {"CAP": "rsi", "INFO": "rdi", "default": "rbx"}
    assert x86_switch(swapped)["CAP"] != abi.load()["registers"]["x86_64"][0]


SLOT_LITERAL = re.compile(r"arch_syscall_(arg|set_result)\([^,()]+,\s*\d|\bARG\(\d|\bmsg\[\d\]|fault_msg\[")


def literal_slots(root: Path) -> list[str]:
    """Places in kernel/ that reach a system-call register or a fault-message
    word by number instead of by its SLOT_*, ARG_* or FAULT_MR_* name."""
    found = []
    for path in sorted((root / "kernel").rglob("*")):
        if path.suffix in (".c", ".h") and path.is_file():
            for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
                if SLOT_LITERAL.search(line):
                    found.append(f"{path.relative_to(root)}:{n}: {line.strip()}")
    return found


def test_the_kernel_names_every_slot():
    assert literal_slots(ROOT) == []


def test_the_slot_check_can_fail(tmp_path):
    (tmp_path / "kernel").mkdir()
    (tmp_path / "kernel" / "ipc.c").write_text(
        "    arch_syscall_set_result(&to->ctx, 6, badge);\n    uint32_t msg[5] = { 0 };\n"
        "    x = ARG(1);\n    y = arch_syscall_arg(&t->ctx, SLOT_INFO);\n")
    assert [f.split(":")[1] for f in literal_slots(tmp_path)] == ["1", "2", "3"]
