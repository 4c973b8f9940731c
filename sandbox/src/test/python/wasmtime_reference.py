"""The reference side of Corral's differential tests: runs components under wasmtime 49.

Reads one JSON request per line on stdin and answers each with one JSON line on stdout (the
protocol is described in sandbox/README.md, "Differential testing against wasmtime"):

  {"op": "version"} -> {"wasmtime": "49.0.0"}
  {"op": "exports", "component": PATH, "host": "wasi" | "generic"}
      -> {"exports": [{"name": "iface#fn", "type": "func(a: u32) -> string"}, ...]}
         or {"refused": MESSAGE} when wasmtime cannot compile or instantiate it
  {"op": "run", "component": PATH, "host": "wasi" | "generic", "resource-aliases": {USE: NAME},
   "replies": {"iface#fn": [VALUE, ...]}, "steps": [{"export": NAME, "args": [VALUE, ...]}]}
      -> {"steps": [{"imports": [{"name": ..., "args": [...]}], "result": VALUE | null,
                     "trap": true?, "exit": N?, "stdout": "..."?}, ...]}

Values are typed JSON: the function's type says how to read them (integers as numbers, floats as
the hex of their bits or "nan", chars and strings as strings, lists and tuples as arrays, records
as objects, variants, options and results as {"case": NAME, "value": V?}, enums as the case name,
flags as the set names in declaration order, resource handles as {"handle": N, "own": BOOL}).
Compiled components are kept for the life of the process, and serialized into the directory
given as the first argument (wasmtime's own format, keyed by the binary's SHA-256 and wasmtime's
version), so a component is compiled once per build directory. Anything this script cannot do is an {"error": MESSAGE} answer, never a silent skip.
"""

import hashlib
import importlib.metadata
import json
import os
import struct
import sys
import tempfile
import traceback

import wasmtime
import wasmtime.component as wc
from wasmtime.component import _types as wct

# wasmtime-py passes option/result/variant payloads untagged when their Python classes differ,
# which cannot tell option<option<T>>'s levels apart and prefers an earlier int case for a bool.
# Tagging every case (Variant(tag, payload)) is exact.
wct.VariantLikeType._tagged = lambda self: True

def engine():
    config = wasmtime.Config()
    # Compiling fast matters more here than running fast: the largest components (12 MB of
    # JavaScript engine) are called a few times only.
    config.cranelift_opt_level = "none"
    return wasmtime.Engine(config)


ENGINE = engine()
COMPONENTS = {}
CACHE_DIR = None


def component(path):
    """The compiled component: compiled once per process, and kept in CACHE_DIR across runs."""
    compiled = COMPONENTS.get(path)
    if compiled is None:
        with open(path, "rb") as f:
            wasm = f.read()
        cached = None
        if CACHE_DIR is not None:
            key = hashlib.sha256(wasm).hexdigest() + "-" + importlib.metadata.version("wasmtime")
            cached = os.path.join(CACHE_DIR, key + ".cwasm")
        if cached is not None and os.path.exists(cached):
            compiled = wc.Component.deserialize_file(ENGINE, cached)
        else:
            compiled = wc.Component(ENGINE, wasm)
            if cached is not None:
                with open(cached + ".tmp", "wb") as f:
                    f.write(compiled.serialize())
                os.replace(cached + ".tmp", cached)
        COMPONENTS[path] = compiled
    return compiled


def type_text(ty):
    """The same spelling Corral's DifferentialTypes.text gives."""
    if isinstance(ty, wc.Bool):
        return "bool"
    for cls, name in ((wc.S8, "s8"), (wc.U8, "u8"), (wc.S16, "s16"), (wc.U16, "u16"),
                      (wc.S32, "s32"), (wc.U32, "u32"), (wc.S64, "s64"), (wc.U64, "u64"),
                      (wc.F32, "f32"), (wc.F64, "f64"), (wc.Char, "char"),
                      (wc.String, "string")):
        if isinstance(ty, cls):
            return name
    if isinstance(ty, wc.ListType):
        return "list<" + type_text(ty.element) + ">"
    if isinstance(ty, wc.RecordType):
        return "record{" + ", ".join(n + ": " + type_text(t) for n, t in ty.fields) + "}"
    if isinstance(ty, wc.TupleType):
        return "tuple<" + ", ".join(type_text(t) for t in ty.elements) + ">"
    if isinstance(ty, wc.VariantType):
        return "variant{" + ", ".join(
            n + ("" if t is None else "(" + type_text(t) + ")") for n, t in ty.cases) + "}"
    if isinstance(ty, wc.EnumType):
        return "enum{" + ", ".join(ty.names) + "}"
    if isinstance(ty, wc.FlagsType):
        return "flags{" + ", ".join(ty.names) + "}"
    if isinstance(ty, wc.OptionType):
        return "option<" + type_text(ty.payload) + ">"
    if isinstance(ty, wc.ResultType):
        ok, err = ty.ok, ty.err
        if ok is None and err is None:
            return "result"
        return "result<" + ("_" if ok is None else type_text(ok)) + (
            "" if err is None else ", " + type_text(err)) + ">"
    if isinstance(ty, wc.OwnType):
        return "own"
    if isinstance(ty, wc.BorrowType):
        return "borrow"
    raise ValueError("unsupported type " + repr(ty))


def func_text(fty):
    params = ", ".join(n + ": " + type_text(t) for n, t in fty.params)
    result = fty.result
    return "func(" + params + ")" + ("" if result is None else " -> " + type_text(result))


def exported_functions(comp):
    """(qualified name, FuncType, export index path) of every exported function, world-level first."""
    world, nested = [], []
    for name, ext in comp.type.exports(ENGINE).items():
        item = ext.ty
        if isinstance(item, wc.FuncType):
            world.append((name, item, [name]))
        elif isinstance(item, wc.ComponentInstanceType):
            for fname, fext in item.exports(ENGINE).items():
                fitem = fext.ty
                if isinstance(fitem, wc.FuncType):
                    nested.append((name + "#" + fname, fitem, [name, fname]))
    return world + nested


def float_to_json(value, fmt):
    if value != value:
        return "nan"
    bits = struct.unpack("<I" if fmt == "f" else "<Q", struct.pack("<" + fmt, value))[0]
    return "0x%0*x" % (8 if fmt == "f" else 16, bits)


def float_from_json(text, fmt):
    if text == "nan":
        return float("nan")
    return struct.unpack("<" + fmt, struct.pack("<I" if fmt == "f" else "<Q", int(text, 16)))[0]


class Handles:
    """Handles seen in one run: numbered in order of first appearance, as Corral numbers them."""

    def __init__(self, resource_ids):
        self.values = []
        self.resource_ids = resource_ids

    def to_json(self, value, own):
        if isinstance(value, wc.ResourceHost):
            return {"host": value.rep, "own": own}
        self.values.append(value)
        return {"handle": len(self.values) - 1, "own": own}

    def from_json(self, data, store):
        if "host" in data:
            rid = self.resource_ids[data["resource"]]
            rep = data["host"]
            return wc.ResourceHost.own(rep, rid) if data["own"] else wc.ResourceHost.borrow(rep, rid)
        return self.values[data["handle"]]


# Types whose Python values are their JSON values (enums too: the case name).
PLAIN = (wc.Bool, wc.S8, wc.U8, wc.S16, wc.U16, wc.S32, wc.U32, wc.S64, wc.U64, wc.Char, wc.String,
         wc.EnumType)


def to_json(ty, value, handles, store):
    if isinstance(ty, PLAIN):
        return value
    if isinstance(ty, wc.F32):
        return float_to_json(value, "f")
    if isinstance(ty, wc.F64):
        return float_to_json(value, "d")
    if isinstance(ty, wc.ListType):
        return [to_json(ty.element, v, handles, store) for v in value]
    if isinstance(ty, wc.RecordType):
        return {n: to_json(t, getattr(value, n), handles, store) for n, t in ty.fields}
    if isinstance(ty, wc.TupleType):
        return [to_json(t, v, handles, store) for t, v in zip(ty.elements, value)]
    if isinstance(ty, (wc.VariantType, wc.OptionType, wc.ResultType)):
        for name, payload in ty._cases():
            if name == value.tag:
                out = {"case": name}
                if payload is not None:
                    out["value"] = to_json(payload, value.payload, handles, store)
                return out
        raise ValueError("unknown case " + value.tag)
    if isinstance(ty, wc.FlagsType):
        return [n for n in ty.names if n in value]
    if isinstance(ty, (wc.OwnType, wc.BorrowType)):
        host = value
        try:
            host = value.to_host(store)
        except wasmtime.WasmtimeError:
            pass
        return handles.to_json(host, isinstance(ty, wc.OwnType))
    raise ValueError("unsupported type " + repr(ty))


def from_json(ty, data, handles, store):
    if isinstance(ty, PLAIN):
        return data
    if isinstance(ty, wc.F32):
        return float_from_json(data, "f")
    if isinstance(ty, wc.F64):
        return float_from_json(data, "d")
    if isinstance(ty, wc.ListType):
        items = [from_json(ty.element, v, handles, store) for v in data]
        return bytes(items) if isinstance(ty.element, wc.U8) else items
    if isinstance(ty, wc.RecordType):
        record = wc.Record()
        for n, t in ty.fields:
            setattr(record, n, from_json(t, data[n], handles, store))
        return record
    if isinstance(ty, wc.TupleType):
        return tuple(from_json(t, v, handles, store) for t, v in zip(ty.elements, data))
    if isinstance(ty, (wc.VariantType, wc.OptionType, wc.ResultType)):
        for name, payload in ty._cases():
            if name == data["case"]:
                return wc.Variant(name, None if payload is None
                                  else from_json(payload, data["value"], handles, store))
        raise ValueError("unknown case " + data["case"])
    if isinstance(ty, wc.FlagsType):
        return set(data)
    if isinstance(ty, (wc.OwnType, wc.BorrowType)):
        return handles.from_json(data, store)
    raise ValueError("unsupported type " + repr(ty))


class Run:
    """One fresh store and instance running a request's steps."""

    def __init__(self, request):
        self.comp = component(request["component"])
        self.replies = {k: list(v) for k, v in request.get("replies", {}).items()}
        self.imports = []
        self.store = wasmtime.Store(ENGINE)
        self.out_dir = tempfile.mkdtemp(prefix="corral-wasmtime-")
        self.stdout_path = os.path.join(self.out_dir, "stdout")
        self.resource_ids = {}
        self.resource_aliases = request.get("resource-aliases", {})
        self.handles = Handles(self.resource_ids)
        linker = wc.Linker(ENGINE)
        if request["host"] == "wasi":
            config = wasmtime.WasiConfig()
            config.stdout_file = self.stdout_path
            config.stderr_file = os.path.join(self.out_dir, "stderr")
            self.store.set_wasi(config)
            linker.add_wasip2()
            linker.add_wasi_http()
            self.define_config(linker)
        else:
            self.define_generic(linker)
            linker.define_unknown_imports_as_traps(self.comp)
        self.linker = linker

    def define_config(self, linker):
        """wasi:config/store as Corral serves it to a call granted nothing: no values."""
        names = [n for n in self.comp.type.imports(ENGINE) if n.startswith("wasi:config/store@")]
        if not names:
            return
        with linker.root() as root:
            for name in names:
                with root.add_instance(name) as store:
                    store.add_func("get", lambda s, key: wc.Variant("ok", wc.Variant("none")))
                    store.add_func("get-all", lambda s: wc.Variant("ok", []))

    def define_generic(self, linker):
        """Every non-WASI import records its arguments and answers the next reply given for it."""
        with linker.root() as root:
            for name, ext in self.comp.type.imports(ENGINE).items():
                if name.startswith("wasi:"):
                    continue
                item = ext.ty
                if isinstance(item, wc.ComponentInstanceType):
                    with root.add_instance(name) as inst:
                        for fname, fext in item.exports(ENGINE).items():
                            self.define_item(inst, name + "#" + fname, fname, fext.ty)
                else:
                    self.define_item(root, name, name, item)

    def define_item(self, where, qualified, name, item):
        if isinstance(item, wc.FuncType):
            params = [t for _, t in item.params]
            result = item.result
            where.add_func(name, self.host_function(qualified, params, result))
        elif isinstance(item, wc.ResourceType):
            # a resource a `use` names again is the same resource as the one it names
            original = self.resource_aliases.get(qualified, qualified)
            rid = self.resource_ids.setdefault(original, len(self.resource_ids) + 1)
            self.resource_ids[qualified] = rid
            where.add_resource(name, wc.ResourceType.host(rid), lambda store, rep: None)

    def host_function(self, qualified, params, result):
        def call(store, *args):
            self.imports.append({"name": qualified, "args": [
                to_json(t, a, self.handles, store) for t, a in zip(params, args)]})
            if result is None:
                return None
            queue = self.replies.get(qualified)
            if not queue:
                raise wasmtime.WasmtimeError("no reply left for " + qualified)
            return from_json(result, queue.pop(0), self.handles, store)
        return call

    def function(self, instance, name):
        parts = name.split("#")
        index = None
        for part in parts:
            index = self.comp.get_export_index(part, index)
            if index is None:
                raise ValueError("no export " + name)
        return instance.get_func(self.store, index)

    def run(self, steps):
        answers = []
        try:
            instance = self.linker.instantiate(self.store, self.comp)
        except (wasmtime.WasmtimeError, wasmtime.Trap) as e:
            return [{"instantiate-trap": str(e).splitlines()[0]}]
        for step in steps:
            func = self.function(instance, step["export"])
            fty = func.type(self.store)
            args = [from_json(t, a, self.handles, self.store)
                    for (_, t), a in zip(fty.params, step["args"])]
            self.imports = []
            answer = {}
            try:
                value = func(self.store, *args)
                answer["result"] = None if fty.result is None else to_json(
                    fty.result, value, self.handles, self.store)
                func.post_return(self.store)
            except wasmtime.ExitTrap as e:
                answer["exit"] = e.code
            except (wasmtime.WasmtimeError, wasmtime.Trap) as e:
                answer["trap"] = str(e).strip().splitlines()[-1].strip()
            answer["imports"] = self.imports
            answers.append(answer)
            if "result" not in answer:
                break
        with open(self.stdout_path, "a+b") as f:
            f.seek(0)
            printed = f.read()
        if printed:
            answers[-1]["stdout"] = printed.decode("utf-8", "replace")
        return answers


def handle(request):
    op = request["op"]
    if op == "version":
        return {"wasmtime": importlib.metadata.version("wasmtime")}
    if op == "exports":
        try:
            comp = component(request["component"])
            run = Run(request)
            run.linker.instantiate(run.store, comp)
        except (wasmtime.WasmtimeError, wasmtime.Trap) as e:
            return {"refused": str(e).splitlines()[0]}
        return {"exports": [{"name": n, "type": func_text(t)} for n, t, _ in exported_functions(comp)]}
    if op == "run":
        return {"steps": Run(request).run(request["steps"])}
    raise ValueError("unknown op " + op)


def main():
    global CACHE_DIR
    if len(sys.argv) > 1:
        CACHE_DIR = sys.argv[1]
        os.makedirs(CACHE_DIR, exist_ok=True)
    for line in sys.stdin:
        if not line.strip():
            continue
        try:
            answer = handle(json.loads(line))
        except Exception as e:  # every failure is reported to the Java side, which fails the test
            answer = {"error": "".join(traceback.format_exception_only(type(e), e)).strip()}
        sys.stdout.write(json.dumps(answer, ensure_ascii=False) + "\n")
        sys.stdout.flush()


if __name__ == "__main__":
    main()
