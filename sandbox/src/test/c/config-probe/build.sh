#!/usr/bin/env bash
# Builds config-probe.component.wasm (committed under src/test/resources/components/corral/) from
# config-probe.c: clang-14 + wasi-libc (Debian), `jco embed` (the component type from wit/),
# `jco new` (no adapter: the core module imports only wasi:config), and copies it to mcp-bridge's
# test resources (a test there fails if the copies differ). Needs scripts/install-toolchains.
#   build.sh           rebuild the committed binary
#   build.sh --check   rebuild into a temporary directory and fail if it differs from the committed one
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$here/../../../../.." && pwd)"
jco="$root/build-tools/node_modules/.bin/jco"
committed="$root/sandbox/src/test/resources/components/corral/config-probe.component.wasm"
tmp="$(mktemp -d)"
trap 'rm -rf "$tmp"' EXIT
case "${1:-}" in
  --check) out="$tmp/config-probe.component.wasm" ;;
  "") out="$committed" ;;
  *) echo "usage: $0 [--check]" >&2; exit 2 ;;
esac
clang-14 --target=wasm32-wasi --sysroot=/usr -O2 -Wall -Wextra -Werror -mexec-model=reactor \
  -Wl,--strip-all -o "$tmp/config-probe.core.wasm" "$here/config-probe.c"
NODE_OPTIONS="--import=$root/build-tools/preopen-root.mjs" \
  "$jco" embed "$tmp/config-probe.core.wasm" --wit "$here/wit" -n config-probe -o "$tmp/config-probe.embed.wasm" >&2
"$jco" new "$tmp/config-probe.embed.wasm" -o "$out" >&2
if [ "$out" != "$committed" ]; then
  if ! cmp -s "$out" "$committed"; then
    echo "error: ${committed#"$root/"} differs from what $here builds; run $0" >&2
    exit 1
  fi
  echo "the committed config-probe component is what the source builds" >&2
  exit 0
fi
if [ "$out" = "$committed" ]; then
  cp "$out" "$root/mcp-bridge/src/test/resources/components/config-probe.component.wasm"
fi
echo "built $out" >&2
