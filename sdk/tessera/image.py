# SPDX-License-Identifier: BSD-2-Clause
"""The image step: with every component linked, lay out each address space
(segments from the ELF files, stacks from the model), size the page-table pool,
and print the kernel's spec and the embedded images."""

from pathlib import Path

from . import boards, elf
from .abi import MAPPING_RIGHTS, PAGE_SIZE as PAGE
from .codegen import environment, render, source_ref
from .errors import TesseraError

RIGHTS = {r: MAPPING_RIGHTS[r] for r in "RWX"}
DEVICE = MAPPING_RIGHTS["DEVICE"]
SHARED = MAPPING_RIGHTS["SHARED"]


def _page_down(v: int) -> int:
    return v & ~(PAGE - 1)


def _page_up(v: int) -> int:
    return (v + PAGE - 1) & ~(PAGE - 1)


def _rights(flags: int) -> int:
    return (RIGHTS["R"] if flags & elf.PF_R else 0) | (RIGHTS["W"] if flags & elf.PF_W else 0) | \
           (RIGHTS["X"] if flags & elf.PF_X else 0)


def layout_vspace(inst: dict, image: elf.Elf, index: int) -> dict:
    segments, offset = [], 0
    for n, seg in enumerate(image.segments):
        start = _page_down(seg.vaddr)
        lead = seg.vaddr - start
        # Segments start on a page; the bytes before vaddr are part of the copy.
        segments.append({
            "what": f"ELF segment {n}", "symbol": f"image_{inst['name']}_{n}",
            "va": start, "memsz": _page_up(lead + seg.memsz), "filesz": lead + seg.filesz,
            "offset": seg.offset - lead, "mem_offset": offset, "rights": _rights(seg.flags),
        })
        offset += _page_up(lead + seg.memsz)
    for t in inst["threads"]:
        for what, va, size in ((f"stack of {t['name']}", t["stack_top"] - t["stack_size"], t["stack_size"]),
                               (f"IPC buffer of {t['name']}", t["ipc_buffer"], PAGE)):
            segments.append({"what": what, "symbol": "", "va": va, "memsz": size, "filesz": 0, "offset": 0,
                             "mem_offset": offset, "rights": RIGHTS["R"] | RIGHTS["W"]})
            offset += size
    for d in inst["dataports"]:
        seg = {"what": f"{d['what']} dataport {d['name']}", "symbol": "", "va": d["va"], "memsz": _page_up(d["size"]),
               "filesz": 0, "offset": 0, "mem_offset": 0,
               "rights": sum(RIGHTS[r] for r in d.get("access", "RW"))}
        if d["what"] == "device":
            seg.update(rights=seg["rights"] | DEVICE, pa=f"{d['paddr']:#x}")
        elif d["what"] == "shared":
            seg.update(rights=seg["rights"] | SHARED, pa=f"(uintptr_t){d['shared']['symbol']}")
        else:
            seg["mem_offset"] = offset
            offset += seg["memsz"]
        segments.append(seg)
    _check_overlaps(inst["name"], segments)
    return {"name": inst["name"], "type": inst["type"], "loc": source_ref(*inst["loc"]),
            "vmid": inst["vmid"], "elf": str(image.path), "segments": segments, "mem_size": offset,
            "caps": inst["caps"], "ioports": inst.get("ioports", []), "restart_max": inst.get("restart_max", 0)}


def _check_overlaps(name: str, segments: list[dict]) -> None:
    spans = sorted((s["va"], s["va"] + s["memsz"], s["what"]) for s in segments)
    for (a0, a1, what_a), (b0, _b1, what_b) in zip(spans, spans[1:]):
        if b0 < a1:
            raise TesseraError(f"component {name}: {what_a} overlaps {what_b} at 0x{b0:08x}")


def page_tables(vspace: dict) -> int:
    """Level-2 and level-3 tables an LPAE stage-2 space needs (level 1 is inline)."""
    l2, l3 = set(), set()
    for seg in vspace["segments"]:
        for va in range(seg["va"], seg["va"] + seg["memsz"], PAGE):
            l2.add(va >> 30)
            l3.add(va >> 21)
    return len(l2) + len(l3)


def build(model: dict, elfs: dict[str, Path], out_dir: Path) -> None:
    tick_hz = boards.load(model["board"]).data["timer"]["tick_hz"]
    vspaces, threads = [], []
    for index, inst in enumerate(model["instances"]):
        if inst["name"] not in elfs:
            raise TesseraError(f"no ELF file given for component instance '{inst['name']}'")
        image = elf.read(elfs[inst["name"]])
        vspaces.append(layout_vspace(inst, image, index))
        for t in inst["threads"]:
            ticks = max(1, t["timeslice_ms"] * tick_hz // 1000)
            threads.append({**t, "vspace": index, "entry": image.entry, "timeslice_ticks": ticks})
    layout = {"vspaces": vspaces, "threads": threads,
              "pt_tables": max(1, sum(page_tables(vs) for vs in vspaces))}
    env = environment()
    source = source_ref(model["source"], model["assembly_line"])
    render(env, "system_spec.c.j2", out_dir / "system_spec.c", model=model, layout=layout, source=source)
    render(env, "images.S.j2", out_dir / "images.S", layout=layout, source=source)
