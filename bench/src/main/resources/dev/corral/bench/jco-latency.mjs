// Times fresh instantiation + one call of a component transpiled with `jco transpile
// --instantiation async`, the way Corral runs every call in a fresh instance.
// Usage: node jco-latency.mjs DIR NAME IFACE FUNC ARG WARMUP RUNS [PREOPEN]
// PREOPEN: a host directory offered to the guest under the same path (the only preopen).
// Prints a JSON array of nanosecond durations on stdout.
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import * as shim from '@bytecodealliance/preview2-shim';

const [dir, name, iface, func, arg, warmup, runs, preopen] = process.argv.slice(2);
shim.filesystem._clearPreopens();
if (preopen) shim.filesystem._addPreopen(preopen, preopen);
const { instantiate } = await import(pathToFileURL(join(dir, name + '.js')).href);
const modules = new Map();
async function getCoreModule(path) {
  if (!modules.has(path)) {
    modules.set(path, await WebAssembly.compile(await readFile(join(dir, path))));
  }
  return modules.get(path);
}
const camel = (s) => s.replace(/-([a-z])/g, (_, c) => c.toUpperCase());
// 'wasi:cli/terminal-input' -> shim.cli.terminalInput
const imports = new Proxy({}, {
  get(_, key) {
    const m = /^wasi:([a-z-]+)\/([a-z-]+)/.exec(String(key));
    return m ? shim[camel(m[1])][camel(m[2])] : undefined;
  },
  has() { return true; },
});
async function once() {
  const instance = await instantiate(getCoreModule, imports);
  const result = instance[camel(iface)][camel(func)](arg);
  if (typeof result !== 'string' || result.length === 0) throw new Error('unexpected result ' + result);
}
for (let i = 0; i < Number(warmup); i++) await once();
const out = [];
for (let i = 0; i < Number(runs); i++) {
  const t = process.hrtime.bigint();
  await once();
  out.push(Number(process.hrtime.bigint() - t));
}
process.stdout.write(JSON.stringify(out));
