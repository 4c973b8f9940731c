#!/usr/bin/env bash
# Builds world-types-js.component.wasm.gz (committed under src/test/resources/components/corral/)
# from world-types.js and the WIT of the C version (src/test/c/world-types/wit) with
# componentize-js (StarlingMonkey, ~12 MB, one to several minutes), every WASI import left out
# (-d all), and copies it to mcp-bridge's test resources (a test there fails if the copies differ). Not reproducible byte for
# byte. Needs scripts/install-toolchains to have run.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$here/../../../../.." && pwd)"
jco="$root/build-tools/node_modules/.bin/jco"
wit="$root/sandbox/src/test/c/world-types/wit"
out="$root/sandbox/src/test/resources/components/corral"
tmp="$(mktemp -d)"
trap 'rm -rf "$tmp"' EXIT
NODE_OPTIONS="--import=$root/build-tools/preopen-root.mjs" \
  "$jco" componentize "$here/world-types.js" --wit "$wit" -n world-types -d all \
  -o "$tmp/world-types-js.component.wasm"
gzip -9 -n -c "$tmp/world-types-js.component.wasm" > "$out/world-types-js.component.wasm.gz"
cp "$out/world-types-js.component.wasm.gz" "$root/mcp-bridge/src/test/resources/components/"
echo "built $out/world-types-js.component.wasm.gz (and copied it to mcp-bridge)" >&2
