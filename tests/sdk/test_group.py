# SPDX-License-Identifier: BSD-2-Clause
"""Groups (several components in one address space) and seL4DirectCall, at
the generator's level: the model, the glue and the kernel's spec of
tests/camkes/group-directcall (docs/adl.md, Groups)."""

import json
import re
import shutil
import subprocess
from pathlib import Path

import pytest

from tessera import gen

ROOT = Path(__file__).resolve().parents[2]
APP = ROOT / "tests" / "camkes" / "group-directcall"
BOARD = "qemu-virt-a15"


@pytest.fixture(scope="module")
def configured(tmp_path_factory):
    out = tmp_path_factory.mktemp("group")
    gen.configure(BOARD, APP, out)
    return json.loads((out / "model.json").read_text()), out


def _caps(out: Path, inst: str) -> dict[str, int]:
    text = (out / "glue" / inst / "include" / "tessera_caps.h").read_text()
    return {m[1]: int(m[2]) for m in re.finditer(r"#define CAP_(\w+) (\d+)", text)}


def test_members_share_one_address_space(configured):
    model, _ = configured
    by = {i["name"]: i for i in model["instances"]}
    assert by["front"]["group"] == by["back"]["group"] == "pair"
    assert by["front"]["vmid"] == by["back"]["vmid"] != by["logger"]["vmid"]
    assert model["nvspaces"] == 2
    (group,) = model["groups"]
    assert [m["name"] for m in group["members"]] == ["front", "back"]
    assert group["heap_size"] == by["front"]["heap_size"] + by["back"]["heap_size"]
    # The threads of both members: no two stacks or IPC buffers at one address,
    # and each thread's argument names its member.
    threads = by["front"]["threads"] + by["back"]["threads"]
    assert len({t["stack_top"] for t in threads}) == len({t["ipc_buffer"] for t in threads}) == len(threads) == 4
    assert [t["arg"] >> group["shift"] for t in threads] == [0, 1, 1, 1]
    assert [t["arg"] & 0xffff for t in threads] == [0, 0, 1, 2]
    # A buffer both members share: two mappings of it in the one address space,
    # one after the other (with a guard page), and both in the group's table.
    (f,), (b,) = by["front"]["dataports"], by["back"]["dataports"]
    assert b["va"] == f["va"] + f["size"] + 4096 and f["id"] == b["id"]
    assert [(d["member"], d["va"]) for d in group["dataports"]] == [("front", f["va"]), ("back", b["va"])]


def test_one_capability_table(configured):
    _, out = configured
    front, back = _caps(out, "front"), _caps(out, "back")
    # Each member's tessera_caps.h keeps its own names, at slots of one table.
    assert set(front) == {"count", "go", "log"} and set(back) == {"count", "go", "go_arm", "log", "_init"}
    slots = sorted(front.values()) + sorted(back.values())
    assert sorted(slots) == list(range(1, len(slots) + 1))
    assert "calc" not in front and "calc" not in back            # a direct call has no capability
    assert _caps(out, "logger") == {"log": 1, "_init": 2}        # an instance outside: its own table


def test_direct_call_glue_and_exports(configured):
    _, out = configured
    front = (out / "glue" / "front" / "glue.c").read_text()
    back = (out / "glue" / "back" / "glue.c").read_text()
    assert "int calc_add(int a, int b, int *carry)\n{\n    return __tessera_direct_back_calc_add(a, b, carry);" in front
    assert "void __tessera_direct_back_calc_scale(int *value, int by)\n{\n    calc_scale(value, by);" in back
    assert "int __tessera_member_front_main(uintptr_t thread)\n{" in front
    assert "calc_serve" not in back                               # no thread serves a direct call
    assert (out / "glue" / "back" / "exports.txt").read_text().split() == [
        "__tessera_member_back_main", "__tessera_direct_back_calc_add", "__tessera_direct_back_calc_greet",
        "__tessera_direct_back_calc_scale"]
    cmake = (out / "components.cmake").read_text()
    assert "tessera_member(front\n" in cmake and "tessera_group(pair\n" in cmake
    assert "set(TESSERA_INSTANCES logger pair)" in cmake
    group = (out / "glue" / "pair" / "group.c").read_text()
    assert "case 1:\n        return __tessera_member_back_main(arg & 0xffff);" in group


def _elf(tmp_path: Path) -> Path:
    gcc = shutil.which("arm-none-eabi-gcc")
    if gcc is None:
        pytest.skip("arm-none-eabi-gcc is needed for a component ELF")
    src = tmp_path / "a.c"
    src.write_text("void _start(void) { for (;;) ; }\n")
    elf = tmp_path / "a.elf"
    subprocess.run([gcc, "-nostdlib", "-o", str(elf), str(src), "-Wl,-Ttext=0x10000"], check=True)
    return elf


def test_spec_has_one_vspace_for_the_group(configured, tmp_path):
    _, out = configured
    elf = _elf(tmp_path)
    assert gen.main(["image", "--out", str(out), f"logger={elf}", f"pair={elf}"]) == 0
    spec = (out / "system_spec.c").read_text()
    names = re.findall(r'\{ \.name = "([^"]+)", \.id = (\d+),', spec)
    assert names == [("pair", "1"), ("logger", "2")]
    threads = re.findall(r'\{ \.name = "([^"]+)", \.vspace = (\d+),', spec)
    assert threads == [("front.control", "0"), ("back.control", "0"), ("back.count", "0"), ("back.go", "0"),
                       ("logger.init", "1"), ("logger.log", "1")]
    table = spec[spec.index("caps_pair[] = {"):spec.index("};", spec.index("caps_pair[] = {"))]
    assert "/* 0: empty */" in table and "front.log */" in table and "back._init */" in table
    assert table.count("/* ") == 1 + 3 + 5
    assert "/* stack of back.go */" in spec and "/* IPC buffer of front.control */" in spec


def test_a_system_without_groups_is_unchanged(tmp_path):
    gen.configure(BOARD, ROOT / "examples" / "rpc", tmp_path)
    model = json.loads((tmp_path / "model.json").read_text())
    assert "groups" not in model and all("group" not in i for i in model["instances"])
