#!/usr/bin/env bash
# Builds fetch.component.wasm.gz (committed under src/test/resources/components/corral/) from
# fetch.js with componentize-js (StarlingMonkey, ~12 MB, 1-2 minutes). Needs
# scripts/install-toolchains to have run.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$here/../../../../.." && pwd)"
jco="$root/build-tools/node_modules/.bin/jco"
out="$root/sandbox/src/test/resources/components/corral"
tmp="$(mktemp -d)"
trap 'rm -rf "$tmp"' EXIT
NODE_OPTIONS="--import=$root/build-tools/preopen-root.mjs" \
  "$jco" componentize "$here/fetch.js" --wit "$here/wit" -n fetcher -o "$tmp/fetch.component.wasm"
gzip -9 -n -c "$tmp/fetch.component.wasm" > "$out/fetch.component.wasm.gz"
echo "built $out/fetch.component.wasm.gz" >&2
