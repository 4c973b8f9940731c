#!/usr/bin/env bash
# Rebuilds the sample tools from source.
#
#   sample-tools/build.sh            rebuild all: C and Rust into src/main/resources (committed),
#                                    JavaScript into target/js-samples (not committed, not
#                                    bundled: serve with --samples --component
#                                    sample-tools/target/js-samples/time.wasm)
#   sample-tools/build.sh --no-js    rebuild C and Rust only
#   sample-tools/build.sh --check    CI: rebuild C and Rust into a temporary directory, fail if
#                                    any differs from the committed binaries or policies, and run
#                                    the module's tests against the rebuilt ones
#   sample-tools/build.sh --check --with-js
#                                    the same, and first rebuild the JavaScript samples into
#                                    target/js-samples so that their tests run too (a missing
#                                    one then fails them: -Dcorral.samples.requireJs=true)
#
# Installs what it needs first (scripts/install-toolchains: clang-14, wasi-libc, rustc with the
# wasm32-wasi std, jco and componentize-js). --check runs Maven; MAVEN_ARGS passes extra
# arguments to it (e.g. MAVEN_ARGS=-o). JAVA_HOME must name a JDK 21 or newer.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
root="$(dirname "$here")"
committed="$here/src/main/resources/dev/corral/samples"
js_out="$here/target/js-samples"

mode=all
with_js=no
for arg in "$@"; do
  case "$arg" in
    --no-js) mode=native ;;
    --check) mode=check ;;
    --with-js) with_js=yes ;;
    *) echo "usage: $0 [--no-js | --check [--with-js]]" >&2; exit 2 ;;
  esac
done

"$root/scripts/install-toolchains"
jco="$root/build-tools/node_modules/.bin/jco"
# jco's in-Wasm tools (embed, componentize) need the host filesystem preopened.
export NODE_OPTIONS="--import=$root/build-tools/preopen-root.mjs"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT

log() { echo "build.sh: $*" >&2; }

# finish TOOL WORLD_COMPONENT OUT_DIR: adds the WIT doc comments as a package-docs section and
# puts the component and its policy in OUT_DIR.
finish() {
  local tool="$1" component="$2" out="$3"
  mkdir -p "$out"
  node "$here/scripts/add-package-docs.mjs" "$here/$tool/wit" "$component" "$out/$tool.wasm"
  cp "$here/$tool/$tool.policy.yaml" "$out/$tool.policy.yaml"
  log "$tool: $(stat -c %s "$out/$tool.wasm") bytes in ${out#"$root/"}/$tool.wasm"
}

# C with clang-14 and wasi-libc. The core module imports no WASI preview 1 functions, so the
# component needs no adapter: its only imports are the ones its WIT world declares.
build_c() {
  local tool="$1" out="$2"
  clang-14 --target=wasm32-wasi --sysroot=/usr -O2 -Wall -Wextra -Werror -mexec-model=reactor \
    -Wl,--strip-all -o "$work/$tool.core.wasm" "$here/$tool/$tool.c"
  "$jco" embed "$work/$tool.core.wasm" --wit "$here/$tool/wit" -n "$tool" -o "$work/$tool.embed.wasm" >&2
  "$jco" new "$work/$tool.embed.wasm" -o "$work/$tool.wasm" >&2
  finish "$tool" "$work/$tool.wasm" "$out"
}

# Rust with Debian's rustc 1.63 (rustup's rustc, if any, has no wasm32-wasi std here) and no
# crates. std uses WASI preview 1, which the reactor adapter maps to WASI 0.2.
build_rust() {
  local tool="$1" out="$2"
  (cd "$here/$tool" && /usr/bin/rustc --edition 2021 --target wasm32-wasi --crate-type cdylib \
    -C opt-level=s -C strip=symbols -D warnings -o "$work/$tool.core.wasm" "$tool.rs")
  "$jco" embed "$work/$tool.core.wasm" --wit "$here/$tool/wit" -n "$tool" -o "$work/$tool.embed.wasm" >&2
  "$jco" new "$work/$tool.embed.wasm" --wasi-reactor -o "$work/$tool.wasm" >&2
  finish "$tool" "$work/$tool.wasm" "$out"
}

# JavaScript with componentize-js (StarlingMonkey). Extra arguments go to jco componentize,
# e.g. -d http to leave out the wasi:http imports.
build_js() {
  local tool="$1" out="$2"
  shift 2
  "$jco" componentize "$here/$tool/$tool.js" --wit "$here/$tool/wit" -n "$tool" "$@" \
    -o "$work/$tool.wasm" >&2
  finish "$tool" "$work/$tool.wasm" "$out"
}

native_tools=(compute config filesystem)
build_js_tools() {
  build_js time "$js_out" -d stdio -d http -d fetch-event
  build_js fetch "$js_out" -d stdio -d fetch-event
}
build_native() {
  local out="$1"
  build_c compute "$out"
  build_c config "$out"
  build_rust filesystem "$out"
}

case "$mode" in
  all | native)
    build_native "$committed"
    if [ "$mode" = all ]; then
      build_js_tools
    fi
    ;;
  check)
    start=$SECONDS
    rebuilt="$work/samples"
    build_native "$rebuilt"
    # The C and Rust builds are reproducible, so a difference means the committed files are not
    # what the sources build (a source, WIT or policy edit without a rebuild, or a new toolchain).
    stale=()
    for tool in "${native_tools[@]}"; do
      for file in "$tool.wasm" "$tool.policy.yaml"; do
        if ! cmp -s "$rebuilt/$file" "$committed/$file"; then
          stale+=("${committed#"$root/"}/$file")
        fi
      done
    done
    if [ ${#stale[@]} -gt 0 ]; then
      log "error: the committed samples are stale: rebuilt from source, these files differ:"
      for file in "${stale[@]}"; do
        log "  $file"
      done
      log "run sample-tools/build.sh --no-js and commit the result"
      exit 1
    fi
    require_js=false
    if [ "$with_js" = yes ]; then
      build_js_tools
      require_js=true # built for this run: a missing one fails its tests instead of skipping them
    fi
    log "rebuilt in $((SECONDS - start)) s; testing the rebuilt samples"
    # shellcheck disable=SC2086
    (cd "$root" && mvn -B -q ${MAVEN_ARGS:-} test -pl sample-tools -am \
      -Dcorral.samples.dir="$rebuilt" -Dcorral.samples.requireJs="$require_js" -Dtest='dev.corral.samples.**' \
      -Dsurefire.failIfNoSpecifiedTests=false)
    log "check passed in $((SECONDS - start)) s"
    ;;
esac
