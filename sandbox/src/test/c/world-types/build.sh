#!/usr/bin/env bash
# Builds world-types.component.wasm and world-resource.component.wasm (committed under
# src/test/resources/components/corral/) from the C sources here: clang-14 + wasi-libc (Debian),
# `jco embed` (the component type from wit/), `jco new` (no adapter: the core modules import no
# WASI). Copies world-types to the
# test resources of mcp-bridge (the server tests; a test there fails if the copies differ) and
# wit-to-jsonschema (tool schemas and WIT printing). Needs scripts/install-toolchains to have run.
#   build.sh           rebuild the committed binaries
#   build.sh --check   rebuild into a temporary directory and fail if they differ from the committed ones
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$here/../../../../.." && pwd)"
jco="$root/build-tools/node_modules/.bin/jco"
committed="$root/sandbox/src/test/resources/components/corral"
tmp="$(mktemp -d)"
trap 'rm -rf "$tmp"' EXIT
check=no
case "${1:-}" in
  --check) check=yes ;;
  "") ;;
  *) echo "usage: $0 [--check]" >&2; exit 2 ;;
esac
out="$committed"
[ "$check" = no ] || out="$tmp/out"
mkdir -p "$out"
wit_dir() { if [ "$1" = world-types ]; then echo "$here/wit"; else echo "$here/resource-wit"; fi; }
for world in world-types world-resource; do
  clang-14 --target=wasm32-wasi --sysroot=/usr -O2 -Wall -Wextra -Werror -mexec-model=reactor \
    -Wl,--strip-all -o "$tmp/$world.core.wasm" "$here/$world.c"
  NODE_OPTIONS="--import=$root/build-tools/preopen-root.mjs" \
    "$jco" embed "$tmp/$world.core.wasm" --wit "$(wit_dir "$world")" -n "$world" -o "$tmp/$world.embed.wasm" >&2
  "$jco" new "$tmp/$world.embed.wasm" -o "$out/$world.component.wasm" >&2
done
if [ "$check" = yes ]; then
  for world in world-types world-resource; do
    if ! cmp -s "$out/$world.component.wasm" "$committed/$world.component.wasm"; then
      echo "error: ${committed#"$root/"}/$world.component.wasm differs from what $here builds; run $0" >&2
      exit 1
    fi
  done
  echo "the committed world-types components are what the sources build" >&2
else
  for module in mcp-bridge wit-to-jsonschema; do
    cp "$out/world-types.component.wasm" "$root/$module/src/test/resources/components/world-types.component.wasm"
  done
  echo "built $out/world-types.component.wasm and world-resource.component.wasm (and copied world-types to mcp-bridge and wit-to-jsonschema)" >&2
fi
