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

A message (a request, or a reply) is the method's label and at most
MSG_MAX_WORDS words, in two parts:

  the words    one a value, in the order of the parameters (a reply's result
               first): each scalar that fits a word (`REGISTER_TYPES`) as its
               value, each string as its length with the NUL, each array as
               its number of elements. MR0-MR3 are moved straight between the
               message registers and the stub's arguments or the server's
               locals, any further word is written and read at its index in
               the IPC buffer; no buffer of the glue's, no copy loop.
  the bytes    from the word after the last of those: each string's bytes
               (with its NUL), each array's elements, each array of strings
               (a length and the bytes for each) and each scalar wider than a
               word (`double`, the 64-bit types on ARM, structs), in the same
               order, each aligned to its type within the message. Written
               once into the IPC buffer through a `tessera_rpc_buf_t`
               (sdk/runtime/include/tessera/rpc.h); those of its words that
               fall in MR0-MR3 travel in the registers.

A method of scalars only has no bytes and takes exactly its words each way, and
the other end checks the length; with bytes, a message must have at least its
words and every value must lie within it. The server reads a request's bytes
from its own copy (an implementation may make calls of its own through its
IPC buffer while it holds an `in` string), the client a reply's in place.

The C statements for each end are written here, so that the template
(templates/connectors/rpc.c.j2) only prints them:
  client_send / client_get      the stub's: the request into its message `_m`
                                (and `_ipc`, and the bytes through `_b`), the
                                reply out of them
  server_decls / server_cleanup the server's locals, from the request `_m` (and
                                `_ipc`, `_in`); what to free when it is refused
  server_call / server_reply    the implementation's call, and the reply into
                                `_m` (and `_ipc`, `_out`)
and send_words / reply_words, the words each way, with req_bytes and
reply_bytes, whether bytes follow them."""

from .adl import ast
from .errors import Diagnostic

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
            "sends": p.direction != "out", "returns": by_ref,
            # one message word: the value itself, or a string's length or an array's count
            "word": kind != "scalar" or t in REGISTER_TYPES,
            # bytes after the words: a string's or array's, or a scalar that is not a word
            "bytes": kind != "scalar" or t not in REGISTER_TYPES}


def method_model(iface: str, proc: ast.Procedure, m: ast.Method, label: int) -> dict:
    params = [_param(p) for p in m.params]
    ret = None
    if m.return_type != "void":
        kind = "string" if m.return_type == "string" else "scalar"
        ret = {"kind": kind, "ctype": c_type(m.return_type), "name": "_result",
               "word": kind == "string" or m.return_type in REGISTER_TYPES,
               "bytes": kind == "string" or m.return_type not in REGISTER_TYPES}
    ret_c = "void" if ret is None else ret["ctype"]
    sep = "" if ret_c.endswith("*") else " "
    args = ", ".join(p["decl"] for p in params) or "void"
    function = f"{iface}_{m.name}"
    call = f"{function}({', '.join(_call_arg(p) for p in params)})"

    sent = [p for p in params if p["sends"]]
    back = ([ret] if ret else []) + [p for p in params if p["returns"]]
    send_at = _indices(sent)
    reply_at = _indices(back)
    send_words, reply_words = len(send_at), len(reply_at)
    for what, words in (("its request", send_words), ("its reply", reply_words)):
        if words > MSG_MAX_WORDS:
            raise Diagnostic(m.loc, f"method {m.name} of procedure {proc.name} takes {words} message words in "
                             f"{what}; a message has at most {MSG_MAX_WORDS}",
                             "pass the values in an array, or split the method")
    req_bytes = any(p["bytes"] for p in sent)
    reply_bytes = any(v["bytes"] for v in back)
    return {
        "name": m.name, "label": label, "function": function,
        "ret": ret, "params": params,
        "prototype": f"{ret_c}{sep}{function}({args})",
        "line": m.loc.line,
        "send_words": send_words, "reply_words": reply_words,
        "req_bytes": req_bytes, "reply_bytes": reply_bytes,
        "ipc": max(send_words, reply_words) > MSG_REGISTER_WORDS,
        "client_send": [line for p in sent for line in _client_send(p, _word(send_at.get(id(p)), "_m."))],
        "client_get": [line for v in back for line in _client_get(v, _word(reply_at.get(id(v)), "_m."))],
        "client_unused": [f"(void){n};" for p in params
                          for n in ([p["name"], p["name"] + "_sz"] if p["kind"] in ("array", "strings")
                                    else [p["name"]])],
        "server_decls": [line for p in params
                         for line in _server_decl(p, _word(send_at.get(id(p)), "_m->"))],
        "server_cleanup": [line for p in params for line in _server_cleanup(p)],
        "server_call": ([f"{ret['ctype']}{'' if ret['ctype'].endswith('*') else ' '}_result = {call};"]
                        if ret else [f"{call};"]) +
                       [f"free({p['name']});" for p in params if p["kind"] == "strings" and p["dir"] == "in"],
        "server_reply": [line for v in back for line in _server_reply(v, _word(reply_at.get(id(v)), "_m->"))],
    }


def _indices(values: list[dict]) -> dict:
    """Each value's message word, for those that take one, in order."""
    words = [v for v in values if v["word"]]
    return {id(v): i for i, v in enumerate(words)}


def _word(i: int | None, msg: str) -> str | None:
    """Message word i: a message register, or the IPC buffer from MR4 on."""
    if i is None:
        return None
    return f"{msg}mr[{i}]" if i < MSG_REGISTER_WORDS else f"_ipc[{i}]"


def _size(t: str) -> str:
    return f"sizeof({t}), _Alignof({t})"


def _client_send(p: dict, w: str | None) -> list[str]:
    n, t = p["name"], p["ctype"]
    if p["kind"] == "scalar":
        value = f"*{n}" if p["returns"] or p["dir"] == "refin" else n
        if p["word"]:
            return [f"{w} = (uintptr_t){value};"]
        return [f"tessera_rpc_put(&_b, {n if p['returns'] or p['dir'] == 'refin' else '&' + n}, {_size(t)});"]
    ref = "*" if p["returns"] else ""
    if p["kind"] == "string":
        return [f"{w} = tessera_rpc_put_string(&_b, {ref}{n});"]
    if p["kind"] == "strings":
        return [f"{w} = tessera_rpc_put_strings(&_b, {ref}{n}, {ref}{n}_sz);"]
    return [f"{w} = tessera_rpc_put_array(&_b, {ref}{n}, {ref}{n}_sz, {_size(t)});"]


def _client_get(v: dict, w: str | None) -> list[str]:
    """The client's statements for one value of the reply: `v` is the result
    or an out/inout parameter."""
    n, t = v["name"], v["ctype"]
    if n == "_result":
        if v["kind"] == "string":
            return [f"_result = tessera_rpc_get_string(&_b, {w});"]
        if v["word"]:
            return [f"_result = ({t}){w};"]
        return [f"tessera_rpc_get(&_b, &_result, {_size(t)});"]
    if v["kind"] == "scalar":
        return [f"*{n} = ({t}){w};"] if v["word"] else [f"tessera_rpc_get(&_b, {n}, {_size(t)});"]
    if v["kind"] == "strings":
        free = [f"tessera_rpc_free_strings(*{n}, *{n}_sz);"] if v["dir"] == "inout" else []
        return free + [f"*{n} = tessera_rpc_get_strings(&_b, {w}, {n}_sz);"]
    free = [f"free(*{n});"] if v["dir"] == "inout" else []
    if v["kind"] == "string":
        return free + [f"*{n} = tessera_rpc_get_string(&_b, {w});"]
    return free + [f"*{n} = tessera_rpc_get_array(&_b, {w}, {n}_sz, {_size(t)});"]


def _server_decl(p: dict, w: str | None) -> list[str]:
    n, t, d = p["name"], p["ctype"], p["dir"]
    if p["kind"] == "scalar":
        if p["word"]:
            return [f"{t} {n} = ({t}){w};" if p["sends"] else f"{t} {n} = 0;"]
        fill = f"tessera_rpc_get(&_in, &{n}, {_size(t)});" if p["sends"] else f"memset(&{n}, 0, sizeof({n}));"
        return [f"{t} {n};", fill]
    if p["kind"] == "string":
        return [{"out": f"char *{n} = NULL;", "inout": f"char *{n} = tessera_rpc_get_string(&_in, {w});"}.get(
            d, f"const char *{n} = tessera_rpc_view_string(&_in, {w});")]
    if p["kind"] == "strings":
        return [f"size_t {n}_sz = 0;", {
            "out": f"char **{n} = NULL;",
            "inout": f"char **{n} = tessera_rpc_get_strings(&_in, {w}, &{n}_sz);"}.get(
            d, f"char **{n} = tessera_rpc_view_strings(&_in, {w}, &{n}_sz);")]
    return [f"size_t {n}_sz = 0;", {
        "out": f"{t} *{n} = NULL;",
        "inout": f"{t} *{n} = tessera_rpc_get_array(&_in, {w}, &{n}_sz, {_size(t)});"}.get(
        d, f"const {t} *{n} = tessera_rpc_view_array(&_in, {w}, &{n}_sz, {_size(t)});")]


def _server_cleanup(p: dict) -> list[str]:
    """What a refused request's locals hold that was malloc'd."""
    n = p["name"]
    if p["kind"] == "strings" and p["dir"] == "inout":
        return [f"tessera_rpc_free_strings({n}, {n}_sz);"]
    if (p["kind"] == "strings" and p["dir"] == "in") or (p["kind"] in ("string", "array") and p["dir"] == "inout"):
        return [f"free({n});"]
    return []


def _server_reply(v: dict, w: str | None) -> list[str]:
    """The server's statements for one value of the reply (the result or an
    out/inout parameter), freeing what the implementation malloc'd."""
    n, t = v["name"], v["ctype"]
    if v["kind"] == "scalar":
        return [f"{w} = (uintptr_t){n};"] if v["word"] else [f"tessera_rpc_put(&_out, &{n}, {_size(t)});"]
    if v["kind"] == "string":
        return [f"{w} = tessera_rpc_put_string(&_out, {n});", f"free({n});"]
    if v["kind"] == "strings":
        return [f"{w} = tessera_rpc_put_strings(&_out, {n}, {n}_sz);", f"tessera_rpc_free_strings({n}, {n}_sz);"]
    return [f"{w} = tessera_rpc_put_array(&_out, {n}, {n}_sz, {_size(t)});", f"free({n});"]


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
