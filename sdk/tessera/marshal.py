# SPDX-License-Identifier: BSD-2-Clause
"""The C side of a procedure method, as CAmkES defines it: the prototype the
client calls and the server implements, and how each parameter travels.

  in T x       -> T x                    out T x      -> T *x
  refin T x    -> const T *x             inout T x    -> T *x
  in string s  -> const char *s          out/inout string s -> char **s (malloc'd)
  in T[] a     -> size_t a_sz, const T *a
  out/inout T[] a -> size_t *a_sz, T **a (malloc'd)

A message is the method's label and the parameters packed in order, each
aligned to its type, in at most MSG_MAX_WORDS words (registers, then the IPC
buffer). A string or array travels as its length and then its bytes."""

from .adl import ast


def c_type(type_name: str) -> str:
    return "char *" if type_name == "string" else type_name


def _param(p: ast.Param) -> dict:
    kind = "string" if p.type == "string" else ("array" if p.array else "scalar")
    t = p.type
    by_ref = p.direction in ("out", "inout")
    if kind == "scalar":
        decl = f"{t} *{p.name}" if by_ref else (f"const {t} *{p.name}" if p.direction == "refin" else f"{t} {p.name}")
    elif kind == "string":
        decl = f"char **{p.name}" if by_ref else f"const char *{p.name}"
    else:
        decl = f"size_t *{p.name}_sz, {t} **{p.name}" if by_ref else f"size_t {p.name}_sz, const {t} *{p.name}"
    return {"name": p.name, "dir": p.direction, "kind": kind, "ctype": t, "decl": decl,
            "sends": p.direction != "out", "returns": by_ref}


def method_model(iface: str, proc: ast.Procedure, m: ast.Method, label: int) -> dict:
    params = [_param(p) for p in m.params]
    ret = None
    if m.return_type != "void":
        ret = {"kind": "string" if m.return_type == "string" else "scalar", "ctype": c_type(m.return_type)}
    ret_c = "void" if ret is None else ret["ctype"]
    sep = "" if ret_c.endswith("*") else " "
    args = ", ".join(p["decl"] for p in params) or "void"
    return {
        "name": m.name, "label": label, "function": f"{iface}_{m.name}",
        "ret": ret, "params": params,
        "prototype": f"{ret_c}{sep}{iface}_{m.name}({args})",
        "call_args": ", ".join(_call_arg(p) for p in params),
        "line": m.loc.line,
    }


def _call_arg(p: dict) -> str:
    """How the server glue passes its local copy of a parameter to the implementation."""
    n = p["name"]
    if p["kind"] == "array":
        return f"&{n}_sz, &{n}" if p["returns"] else f"{n}_sz, {n}"
    if p["kind"] == "string":
        return f"&{n}" if p["returns"] else n
    if p["returns"] or p["dir"] == "refin":
        return f"&{n}"
    return n
