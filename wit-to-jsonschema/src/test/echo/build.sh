#!/usr/bin/env bash
# Rebuilds src/test/resources/components/echo.component.wasm from echo.c and echo.wit with
# clang-14 (Debian) and the pinned jco in build-tools/ (run scripts/install-toolchains first).
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$here/../../../.." && pwd)"
out="$root/wit-to-jsonschema/src/test/resources/components/echo.component.wasm"
tmp="$(mktemp -d)"
trap 'rm -rf "$tmp"' EXIT
clang-14 --target=wasm32 -O2 -nostdlib -Wl,--no-entry -Wl,--strip-all -o "$tmp/echo.core.wasm" "$here/echo.c"
jco="$root/build-tools/node_modules/.bin/jco"
NODE_OPTIONS="--import=$root/build-tools/preopen-root.mjs" "$jco" embed "$tmp/echo.core.wasm" \
  --wit "$here/echo.wit" -n echo-world -o "$tmp/echo.embed.wasm"
"$jco" new "$tmp/echo.embed.wasm" -o "$out"
echo "wrote $out" >&2
