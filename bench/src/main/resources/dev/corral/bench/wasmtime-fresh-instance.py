"""The wasmtime 49 peer of Corral's fresh-instance figure (bench/README.md, "JavaScript components").

Usage: python wasmtime-fresh-instance.py COMPONENT EXPORT ARGS_JSON WARMUPS CALLS [CODE_FILE]

Compiles COMPONENT once (or loads the compiled code from CODE_FILE, writing it there when the
file is missing), links WASI 0.2 and wasi:http once, then makes WARMUPS and CALLS calls of EXPORT
("interface#function" or "function") with the JSON list ARGS_JSON, each in a fresh Store and
instance, as Corral does. Prints one JSON object to stdout: the compile (or load) time and every
measured call's wall time in milliseconds, and the first call's result.
"""
import json
import os
import sys
import time

from wasmtime import Config, Engine, Store, WasiConfig
from wasmtime.component import Component, Linker


def main() -> None:
    path, export, args_json, warmups, calls = sys.argv[1:6]
    code_file = sys.argv[6] if len(sys.argv) > 6 else None
    args = json.loads(args_json)
    engine = Engine(Config())
    started = time.perf_counter()
    if code_file and os.path.exists(code_file):
        component = Component.deserialize_file(engine, code_file)
        how = "deserialized"
    else:
        component = Component.from_file(engine, path)
        how = "compiled"
        if code_file:
            with open(code_file, "wb") as out:
                out.write(component.serialize())
    compile_ms = (time.perf_counter() - started) * 1e3
    linker = Linker(engine)
    linker.add_wasip2()
    linker.add_wasi_http()  # StarlingMonkey imports wasi:http even when a tool never fetches
    interface, _, function = export.rpartition("#")

    def call():
        store = Store(engine)
        store.set_wasi(WasiConfig())
        store.set_wasi_http()
        instance = linker.instantiate(store, component)
        parent = instance.get_export_index(store, interface) if interface else None
        func = instance.get_func(store, instance.get_export_index(store, function, parent))
        result = func(store, *args)
        func.post_return(store)
        return result

    first = call()
    for _ in range(int(warmups)):
        call()
    samples = []
    for _ in range(int(calls)):
        t0 = time.perf_counter()
        call()
        samples.append((time.perf_counter() - t0) * 1e3)
    json.dump({"how": how, "compile_ms": compile_ms, "samples_ms": samples,
               "first_result": str(first)[:200]}, sys.stdout)
    print()


if __name__ == "__main__":
    main()
