# SPDX-License-Identifier: BSD-2-Clause
"""Rendering: the frozen model through the Jinja2 templates in templates/. The
templates only print; every decision was made by allocate.py (or image.py)."""

from pathlib import Path

import jinja2

from .paths import TEMPLATES, display, write_if_changed


def environment() -> jinja2.Environment:
    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(str(TEMPLATES)),
        block_start_string="/*-", block_end_string="-*/",
        variable_start_string="/*?", variable_end_string="?*/",
        comment_start_string="/*#", comment_end_string="#*/",
        undefined=jinja2.StrictUndefined, trim_blocks=True, lstrip_blocks=True,
        keep_trailing_newline=True, autoescape=False,
    )
    env.filters["hex"] = lambda v: f"0x{v:08x}"
    env.filters["object"] = lambda v: "SPEC_NONE" if v is None else str(v)
    return env


def source_ref(path: str, line: int) -> str:
    """A source position as the banner prints it, relative to the checkout when inside it."""
    return f"{display(path)}:{line}"


def render(env: jinja2.Environment, template: str, out: Path, **context) -> bool:
    text = env.get_template(template).render(template=template, **context)
    return write_if_changed(out, text)


def generate_glue(model: dict, out_dir: Path) -> None:
    """Per-instance glue, the component list for CMake and the spec's limits."""
    env = environment()
    top = source_ref(model["source"], model["assembly_line"])
    for inst in model["instances"]:
        src = source_ref(*inst["type_loc"])
        render(env, "camkes.h.j2", out_dir / "glue" / inst["name"] / "include" / "camkes.h", inst=inst, source=src,
               structs=model["structs"])
        render(env, "component.c.j2", out_dir / "glue" / inst["name"] / "glue.c", inst=inst, source=src)
        render(env, "caps.h.j2", out_dir / "glue" / inst["name"] / "include" / "tessera_caps.h", inst=inst,
               source=src)
    for group in model.get("groups", []):
        render(env, "group.c.j2", out_dir / "glue" / group["name"] / "group.c", group=group,
               source=source_ref(*group["loc"]))
        for m in group["members"]:      # what symbol localisation keeps global (cmake/components.cmake)
            write_if_changed(out_dir / "glue" / m["name"] / "exports.txt", "".join(f"{e}\n" for e in m["exports"]))
    if model.get("vm") is not None:
        vm = model["vm"]
        render(env, "vm_config.c.j2", out_dir / "glue" / vm["instance"] / "vm_config.c", vm=vm,
               source=source_ref(*vm["loc"]))
    render(env, "components.cmake.j2", out_dir / "components.cmake", model=model, source=top)
    render(env, "spec_limits.h.j2", out_dir / "include" / "spec_limits.h", model=model, source=top)
