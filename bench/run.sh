#!/usr/bin/env bash
# Runs the end-to-end benchmarks (bench/README.md) and writes bench/results/results.json and
# bench/results/results.md.
#
#   bench/run.sh                       every section
#   bench/run.sh cold,latency          some of: cold, latency, http, density, compute
#
# Builds corral.jar and the bench module first (MAVEN_ARGS passes extra arguments, e.g. -o), and
# installs the pinned Node tools (scripts/install-toolchains). Takes about 10 minutes.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
root="$(dirname "$here")"
. "$root/scripts/find-jdk.sh"
corral_find_jdk
export JAVA_HOME
"$root/scripts/install-toolchains"
cd "$root"
# Step 1: the server jar (mcp-bridge) and the bench classes; no tests.
mvn -B -q ${MAVEN_ARGS:-} -DskipTests -Dmaven.javadoc.skip=true package -pl mcp-bridge,bench -am >&2
# Step 2: the runs, through the bench module's corral-bench profile (-Dcorral.bench=SECTIONS).
mvn -B -q ${MAVEN_ARGS:-} -DskipTests -Dmaven.javadoc.skip=true verify -pl bench -am \
  -Dcorral.bench="${1:-cold,latency,http,density,compute}" >&2
cat "$here/results/results.md"
