#!/usr/bin/env bash
# Assembles the hand-written test components in this folder into
# src/test/resources/components/corral/ with `jco parse`. Needs scripts/install-toolchains.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$here/../../../.." && pwd)"
jco="$root/build-tools/node_modules/.bin/jco"
out="$root/sandbox/src/test/resources/components/corral"
mkdir -p "$out"
for wat in "$here"/*.wat; do
  "$jco" parse "$wat" -o "$out/$(basename "$wat" .wat).wasm"
done
