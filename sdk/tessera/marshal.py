# SPDX-License-Identifier: BSD-2-Clause
"""The C side of a procedure method, as CAmkES defines it: the prototype the
client calls and the server implements, and how each parameter travels.

  in T x       -> T x                    out T x      -> T *x
  refin T x    -> const T *x             inout T x    -> T *x
  in string s  -> const char *s          out/inout string s -> char **s (malloc'd)
  in T[] a     -> size_t a_sz, const T *a
  out/inout T[] a -> size_t *a_sz, T **a (malloc'd)
  in string[] a -> size_t a_sz, char **a
  out/inout string[] a -> size_t *a_sz, char ***a (each string and the array malloc'd)

A message is the method's label and the parameters packed in order, each
aligned to its type, in at most MSG_MAX_WORDS words (registers, then the IPC
buffer). A string or array travels as its length and then its bytes.

The C statements that pack and unpack each parameter are written here, so that
the template (templates/connectors/rpc.c.j2) only prints them:
  client_pack / client_unpack    the stub's, on its message buffer `_b`
  server_decls                   the server's locals, unpacked from `_in`
  server_call / server_pack      the implementation's call and the reply, into `_out`

A method whose parameters and result are all scalars of at most one word
(`REGISTER_TYPES`) goes at register speed instead (`regs`): one word per
value, in order, MR0-MR3 in the message registers straight from and into the
stub's and the server's locals, any further word in the IPC buffer at its
index, written and read once; no buffer, no copy loop. Its statements:
  reg_client_send / reg_client_get   the stub's, on its message `_m` (and `_ipc`)
  reg_server_decls / reg_server_reply  the server's, on the request `_m` (and `_ipc`)
and reg_send / reg_reply, the words each way, which the other end checks."""

from .adl import ast

# The scalar types that fit one message word (32 bits on ARM, 64 on x86_64)
# and convert to and from uintptr_t by value.
REGISTER_TYPES = frozenset({
    "char", "signed char", "unsigned char", "short", "unsigned short", "int", "unsigned", "unsigned int",
    "long", "unsigned long", "bool", "int8_t", "uint8_t", "int16_t", "uint16_t", "int32_t", "uint32_t",
    "intptr_t", "uintptr_t", "size_t", "ssize_t", "seL4_Word",
})
MSG_MAX_WORDS = 120         # kernel/api.yaml's limit, in words
MSG_REGISTER_WORDS = 4      # MR0-MR3 travel in registers


def c_type(type_name: str) -> str:
    return "char *" if type_name == "string" else type_name


def _param(p: ast.Param) -> dict:
    kind = ("strings" if p.array else "string") if p.type == "string" else ("array" if p.array else "scalar")
    t = p.type
    by_ref = p.direction in ("out", "inout")
    if kind == "scalar":
        decl = f"{t} *{p.name}" if by_ref else (f"const {t} *{p.name}" if p.direction == "refin" else f"{t} {p.name}")
    elif kind == "string":
        decl = f"char **{p.name}" if by_ref else f"const char *{p.name}"
    elif kind == "strings":
        decl = f"size_t *{p.name}_sz, char ***{p.name}" if by_ref else f"size_t {p.name}_sz, char **{p.name}"
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
    function = f"{iface}_{m.name}"
    call = f"{function}({', '.join(_call_arg(p) for p in params)})"
    return {
        "name": m.name, "label": label, "function": function,
        "ret": ret, "params": params,
        **_registers(params, ret, call),
        "prototype": f"{ret_c}{sep}{function}({args})",
        "line": m.loc.line,
        "client_pack": [_client_pack(p) for p in params if p["sends"]],
        "client_unpack": _client_result(ret) + [line for p in params if p["returns"] for line in _client_unpack(p)],
        "client_unused": [f"(void){n};" for p in params
                          for n in ([p["name"], p["name"] + "_sz"] if p["kind"] in ("array", "strings")
                                    else [p["name"]])],
        "server_decls": [line for p in params for line in _server_decl(p)],
        "server_call": _server_call(ret, call),
        "server_pack": [line for p in params if p["returns"] for line in _server_pack(p)] +
                       [f"free({p['name']});" for p in params if p["kind"] == "strings" and not p["returns"]],
    }


def _size(t: str) -> str:
    return f"sizeof({t}), _Alignof({t})"


def _client_pack(p: dict) -> str:
    n, t = p["name"], p["ctype"]
    if p["kind"] == "scalar":
        return f"tessera_rpc_put(&_b, {n if p['returns'] or p['dir'] == 'refin' else '&' + n}, {_size(t)});"
    if p["kind"] == "string":
        return f"tessera_rpc_put_string(&_b, {'*' + n if p['returns'] else n});"
    if p["kind"] == "strings":
        return f"tessera_rpc_put_strings(&_b, {'*' + n if p['returns'] else n}, {'*' if p['returns'] else ''}{n}_sz);"
    data, size = (f"*{n}", f"*{n}_sz") if p["returns"] else (n, f"{n}_sz")
    return f"tessera_rpc_put_array(&_b, {data}, {size}, {_size(t)});"


def _client_result(ret: dict | None) -> list[str]:
    if ret is None:
        return []
    if ret["kind"] == "string":
        return ["_result = tessera_rpc_get_string(&_b);"]
    return [f"tessera_rpc_get(&_b, &_result, sizeof(_result), _Alignof({ret['ctype']}));"]


def _client_unpack(p: dict) -> list[str]:
    n, t = p["name"], p["ctype"]
    if p["kind"] == "scalar":
        return [f"tessera_rpc_get(&_b, {n}, {_size(t)});"]
    if p["kind"] == "strings":
        free = [f"tessera_rpc_free_strings(*{n}, *{n}_sz);"] if p["dir"] == "inout" else []
        return free + [f"*{n} = tessera_rpc_get_strings(&_b, {n}_sz);"]
    free = [f"free(*{n});"] if p["dir"] == "inout" else []
    if p["kind"] == "string":
        return free + [f"*{n} = tessera_rpc_get_string(&_b);"]
    return free + [f"*{n} = tessera_rpc_get_array(&_b, {n}_sz, {_size(t)});"]


def _server_decl(p: dict) -> list[str]:
    n, t, d = p["name"], p["ctype"], p["dir"]
    if p["kind"] == "scalar":
        fill = f"tessera_rpc_get(_in, &{n}, {_size(t)});" if p["sends"] else f"memset(&{n}, 0, sizeof({n}));"
        return [f"{t} {n};", fill]
    if p["kind"] == "string":
        return [{"out": f"char *{n} = NULL;", "inout": f"char *{n} = tessera_rpc_get_string(_in);"}.get(
            d, f"const char *{n} = tessera_rpc_view_string(_in);")]
    if p["kind"] == "strings":
        return [f"size_t {n}_sz = 0;", {
            "out": f"char **{n} = NULL;",
            "inout": f"char **{n} = tessera_rpc_get_strings(_in, &{n}_sz);"}.get(
            d, f"char **{n} = tessera_rpc_view_strings(_in, &{n}_sz);")]
    return [f"size_t {n}_sz = 0;", {
        "out": f"{t} *{n} = NULL;",
        "inout": f"{t} *{n} = tessera_rpc_get_array(_in, &{n}_sz, {_size(t)});"}.get(
        d, f"const {t} *{n} = tessera_rpc_view_array(_in, &{n}_sz, {_size(t)});")]


def _server_call(ret: dict | None, call: str) -> list[str]:
    if ret is None:
        return [f"{call};"]
    if ret["kind"] == "string":
        return [f"{ret['ctype']} _result = {call};", "tessera_rpc_put_string(_out, _result);", "free(_result);"]
    return [f"{ret['ctype']} _result = {call};", f"tessera_rpc_put(_out, &_result, sizeof(_result), _Alignof({ret['ctype']}));"]


def _server_pack(p: dict) -> list[str]:
    n, t = p["name"], p["ctype"]
    if p["kind"] == "scalar":
        return [f"tessera_rpc_put(_out, &{n}, {_size(t)});"]
    if p["kind"] == "string":
        return [f"tessera_rpc_put_string(_out, {n});", f"free({n});"]
    if p["kind"] == "strings":
        return [f"tessera_rpc_put_strings(_out, {n}, {n}_sz);", f"tessera_rpc_free_strings({n}, {n}_sz);"]
    return [f"tessera_rpc_put_array(_out, {n}, {n}_sz, {_size(t)});", f"free({n});"]


def _call_arg(p: dict) -> str:
    """How the server glue passes its local copy of a parameter to the implementation."""
    n = p["name"]
    if p["kind"] in ("array", "strings"):
        return f"&{n}_sz, &{n}" if p["returns"] else f"{n}_sz, {n}"
    if p["kind"] == "string":
        return f"&{n}" if p["returns"] else n
    if p["returns"] or p["dir"] == "refin":
        return f"&{n}"
    return n


def _word(i: int, msg: str) -> str:
    """Message word i: a message register, or the IPC buffer from MR4 on."""
    return f"{msg}mr[{i}]" if i < MSG_REGISTER_WORDS else f"_ipc[{i}]"


def _registers(params: list[dict], ret: dict | None, call: str) -> dict:
    """The register-speed form of a method, or regs False when a value is not a
    one-word scalar or the words do not fit one message."""
    scalar = all(p["kind"] == "scalar" and p["ctype"] in REGISTER_TYPES for p in params)
    if not scalar or (ret is not None and (ret["kind"] != "scalar" or ret["ctype"] not in REGISTER_TYPES)):
        return {"regs": False}
    sent = [p for p in params if p["sends"]]
    back = [p for p in params if p["returns"]]
    reply = len(back) + (ret is not None)
    if len(sent) > MSG_MAX_WORDS or reply > MSG_MAX_WORDS:
        return {"regs": False}

    def value(p):           # the parameter's value on the client
        return f"*{p['name']}" if p["returns"] or p["dir"] == "refin" else p["name"]

    client_send = [f"{_word(i, '_m.')} = (uintptr_t){value(p)};" for i, p in enumerate(sent)]
    client_get = ([f"_result = ({ret['ctype']}){_word(0, '_m.')};"] if ret else []) + [
        f"*{p['name']} = ({p['ctype']}){_word(i + (ret is not None), '_m.')};" for i, p in enumerate(back)]
    index = {id(p): i for i, p in enumerate(sent)}
    server_decls = [f"{p['ctype']} {p['name']} = ({p['ctype']}){_word(index[id(p)], '_m->')};" if p["sends"]
                    else f"{p['ctype']} {p['name']} = 0;" for p in params]
    server_call = [f"{ret['ctype']} _result = {call};"] if ret else [f"{call};"]
    server_reply = ([f"{_word(0, '_m->')} = (uintptr_t)_result;"] if ret else []) + [
        f"{_word(i + (ret is not None), '_m->')} = (uintptr_t){p['name']};" for i, p in enumerate(back)]
    return {
        "regs": True, "reg_send": len(sent), "reg_reply": reply,
        "reg_ipc": len(sent) > MSG_REGISTER_WORDS or reply > MSG_REGISTER_WORDS,
        "reg_client_send": client_send, "reg_client_get": client_get,
        "reg_server_decls": server_decls, "reg_server_call": server_call, "reg_server_reply": server_reply,
    }
