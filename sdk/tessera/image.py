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
            "caps": inst["caps"], "ioports": inst.get("ioports", []), "restart_max": inst.get("restart_max", 0),
            "cycle_counter": inst.get("cycle_counter", False)}


def _check_overlaps(name: str, segments: list[dict]) -> None:
    spans = sorted((s["va"], s["va"] + s["memsz"], s["what"]) for s in segments)
    for (a0, a1, what_a), (b0, _b1, what_b) in zip(spans, spans[1:]):
        if b0 < a1:
            raise TesseraError(f"component {name}: {what_a} overlaps {what_b} at 0x{b0:08x}")


BLOCK = 1 << 21


def _in_blocks(seg: dict) -> bool:
    """Whether the kernel maps `seg` with 2 MiB blocks: a segment whose
    address, physical address (known here: a VM's RAM) and size are all
    multiples of 2 MiB (docs/virtualization.md)."""
    pa = seg.get("pa")
    pa = int(pa, 16) if isinstance(pa, str) and pa.startswith("0x") else pa
    return isinstance(pa, int) and not (seg["va"] | pa | seg["memsz"]) % BLOCK


def page_tables(vspace: dict) -> int:
    """Level-2 and level-3 tables an LPAE stage-2 space needs (level 1 is
    inline): a level-2 table per GiB touched, a level-3 table per 2 MiB
    mapped in pages; a segment mapped in 2 MiB blocks needs no level-3 table."""
    l2, l3 = set(), set()
    for seg in vspace["segments"]:
        if _in_blocks(seg):
            l2.update(range(seg["va"] >> 30, ((seg["va"] + seg["memsz"] - 1) >> 30) + 1))
            continue
        for va in range(seg["va"], seg["va"] + seg["memsz"], PAGE):
            l2.add(va >> 30)
            l3.add(va >> 21)
    return len(l2) + len(l3)


def vmm_segments(vm: dict) -> list[dict]:
    """What a VMM maps besides its own image (docs/virtualization.md): the
    guest's images read-only from the firmware, and the guest's RAM at VA = IPA."""
    segments = [{"what": f"guest {img['what']} image", "symbol": "", "va": img["va"],
                 "memsz": _page_up(img["size"]), "filesz": 0, "offset": 0, "mem_offset": 0,
                 "rights": RIGHTS["R"] | SHARED, "pa": f"(uintptr_t){img['symbol']}"} for img in vm["images"]]
    ram = vm["ram"]
    segments.append({"what": "guest RAM", "symbol": "", "va": ram["ipa"], "memsz": ram["size"], "filesz": 0,
                     "offset": 0, "mem_offset": 0, "rights": RIGHTS["R"] | RIGHTS["W"] | SHARED, "pa": f"{ram['pa']:#x}"})
    return segments


def guest_vspace(vm: dict) -> dict:
    """The guest's address space: its stage-2 map, IPA to PA."""
    ram = vm["ram"]
    rw = RIGHTS["R"] | RIGHTS["W"]
    segments = [{"what": "RAM", "va": ram["ipa"], "memsz": ram["size"], "rights": rw | RIGHTS["X"] | SHARED,
                 "pa": ram["pa"]},
                {"what": "GIC virtual CPU interface", "va": vm["gicc_ipa"], "memsz": 0x2000, "rights": rw | DEVICE,
                 "pa": vm["gicv"]}]
    segments += [{"what": f"device {d['name']} (passed through)", "va": d["base"], "memsz": d["size"],
                  "rights": rw | DEVICE, "pa": d["base"]} for d in vm["passthrough"]]
    for seg in segments:
        seg.update(symbol="", filesz=0, offset=0, mem_offset=0)
    name = f"{vm['instance']}.guest"
    _check_overlaps(name, segments)
    return {"name": name, "ident": f"{vm['instance']}_guest", "instance": vm["instance"],
            "loc": source_ref(*vm["loc"]), "vmid": vm["guest_vmid"], "segments": segments}


def group_space(group: dict, members: list[dict]) -> dict:
    """A group's address space as one instance: every member's threads,
    dataports and capabilities (each at the slot its member's tessera_caps.h
    names; slot 0 empty), and the group's restart policy."""
    caps = [members[0]["caps"][0]] + sorted(({**c, "name": f"{m['name']}.{c['name']}"}
                                             for m in members for c in m["caps"] if c["name"]),
                                            key=lambda c: c["slot"])
    if [c["slot"] for c in caps] != list(range(len(caps))):
        raise TesseraError(f"group {group['name']}: its members' capability slots are not one table")
    return {"name": group["name"], "type": "group of " + ", ".join(m["name"] for m in members),
            "loc": group["loc"], "vmid": group["vmid"],
            "threads": [t for m in members for t in m["threads"]],
            "dataports": [{**d, "name": f"{m['name']}.{d['name']}"} for m in members for d in m["dataports"]],
            "caps": caps,
            "ioports": [p for m in members for p in m.get("ioports", [])], "restart_max": group["restart_max"]}


def build(model: dict, elfs: dict[str, Path], out_dir: Path) -> None:
    tick_hz = boards.load(model["board"]).data["timer"]["tick_hz"]
    groups = {g["name"]: g for g in model.get("groups", [])}
    vspaces, threads = [], []
    for inst in model["instances"]:
        space = inst.get("group") or inst["name"]
        if any(vs["name"] == space for vs in vspaces):
            continue                    # a group's member: laid out with its group
        if space not in elfs:
            raise TesseraError(f"no ELF file given for component {'group' if space in groups else 'instance'} "
                               f"'{space}'")
        image = elf.read(elfs[space])
        index = len(vspaces)
        members = [m for m in model["instances"] if m.get("group") == space] if space in groups else [inst]
        vspace = layout_vspace(group_space(groups[space], members) if space in groups else inst, image, index)
        if inst.get("vm"):
            vspace["segments"] += vmm_segments(model["vm"])
            _check_overlaps(inst["name"], vspace["segments"])
        vspaces.append(vspace)
        for t in (t for m in members for t in m["threads"]):
            ticks = max(1, t["timeslice_ms"] * tick_hz // 1000)
            threads.append({**t, "vspace": index, "entry": image.entry, "timeslice_ticks": ticks})
    threads.sort(key=lambda t: t["index"])      # the model's numbering (THREAD capabilities name them)
    guests = []
    vm = model.get("vm")
    if vm is not None:
        guests.append(guest_vspace(vm))
        vcpu = vm["vcpu"]
        threads.append({**vcpu, "vspace": vm["guest_vspace"], "entry": vm["kernel"]["ipa"],
                        "timeslice_ticks": max(1, vcpu["timeslice_ms"] * tick_hz // 1000)})
    layout = {"vspaces": vspaces, "guests": guests, "nvspaces": len(vspaces) + len(guests), "threads": threads,
              "vm_images": vm["images"] if vm else [], "vm_ram_pa": vm["ram"]["pa"] if vm else 0,
              "pt_tables": max(1, sum(page_tables(vs) for vs in vspaces + guests))}
    env = environment()
    source = source_ref(model["source"], model["assembly_line"])
    render(env, "system_spec.c.j2", out_dir / "system_spec.c", model=model, layout=layout, source=source)
    render(env, "images.S.j2", out_dir / "images.S", layout=layout, source=source)
