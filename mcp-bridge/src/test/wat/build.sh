#!/usr/bin/env bash
# Assembles the hand-written test components in this folder into src/test/resources/components/
# with `jco parse`. Needs scripts/install-toolchains.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$here/../../../.." && pwd)"
jco="$root/build-tools/node_modules/.bin/jco"
for wat in "$here"/*.wat; do
  "$jco" parse "$wat" -o "$here/../resources/components/$(basename "$wat" .wat).wasm"
done
