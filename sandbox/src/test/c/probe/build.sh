#!/usr/bin/env bash
# Builds probe.component.wasm (committed under src/test/resources/components/corral/) from
# probe.c: clang-14 + wasi-libc (Debian), then `jco embed` (the component type from wit/) and
# `jco new --wasi-reactor` (the WASI preview1 adapter, importing WASI 0.2), and copies it to
# mcp-bridge's test resources (the server tests use it; a test there fails if the copies differ).
# Needs scripts/install-toolchains to have run.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$here/../../../../.." && pwd)"
jco="$root/build-tools/node_modules/.bin/jco"
out="$root/sandbox/src/test/resources/components/corral"
tmp="$(mktemp -d)"
trap 'rm -rf "$tmp"' EXIT
mkdir -p "$out"
clang-14 --target=wasm32-wasi --sysroot=/usr -O2 -mexec-model=reactor -Wl,--strip-all \
  -Wl,-z,stack-size=1048576 -o "$tmp/probe.core.wasm" "$here/probe.c"
NODE_OPTIONS="--import=$root/build-tools/preopen-root.mjs" \
  "$jco" embed "$tmp/probe.core.wasm" --wit "$here/wit" -n probe -o "$tmp/probe.embed.wasm"
"$jco" new "$tmp/probe.embed.wasm" --wasi-reactor -o "$out/probe.component.wasm"
cp "$out/probe.component.wasm" "$root/mcp-bridge/src/test/resources/components/probe.component.wasm"
echo "built $out/probe.component.wasm (and copied it to mcp-bridge)" >&2
