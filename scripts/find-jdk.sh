# Sourced by ./corral, scripts/test and .ci/run: exports JAVA_HOME pointing at a JDK >= 21.
# Order: JAVA_HOME if it is new enough, else the newest JDK >= 21 under /usr/lib/jvm (or the
# directory given to corral_find_jdk), by the version its release file names.
corral_java_version() {
  # The JDK's release file names its version without starting a JVM (~0.1 s per launch).
  local version=""
  [ -f "$1/release" ] && version=$(sed -n 's/^JAVA_VERSION="\([0-9][0-9.]*\).*/\1/p' "$1/release" | head -n 1)
  if [ -n "$version" ] && [ "${version%%.*}" -ge 9 ]; then
    echo "$version"
    return
  fi
  { "$1/bin/java" -XshowSettings:properties -version 2>&1 \
    | sed -n 's/^ *java\.version = \([0-9][0-9.]*\).*/\1/p' | head -n 1; } || true
}

corral_java_major() {
  local version
  version=$(corral_java_version "$1")
  echo "${version%%.*}"
}

corral_is_jdk() {
  [ -n "$1" ] && [ -x "$1/bin/java" ] && [ -x "$1/bin/javac" ]
}

corral_find_jdk() {
  local jvms="${1:-/usr/lib/jvm}" candidate version major
  if corral_is_jdk "${JAVA_HOME:-}"; then
    major=$(corral_java_major "$JAVA_HOME")
    if [ -n "$major" ] && [ "$major" -ge 21 ]; then
      export JAVA_HOME
      return 0
    fi
  fi
  # "VERSION DIR" for each JDK, newest version first
  while read -r version candidate; do
    if [ "${version%%.*}" -ge 21 ]; then
      export JAVA_HOME="$candidate"
      return 0
    fi
  done < <(for candidate in "$jvms"/*/; do
             candidate="${candidate%/}"
             corral_is_jdk "$candidate" || continue
             version=$(corral_java_version "$candidate")
             [ -n "$version" ] && printf '%s %s\n' "$version" "$candidate"
           done | sort -rV -k1,1)
  echo "corral: no JDK 21 or newer found. Set JAVA_HOME to one, or install one under $jvms" \
       "(for example: apt-get install openjdk-21-jdk-headless)." >&2
  return 1
}
