# Sourced by ./corral, scripts/test and .ci/run: exports JAVA_HOME pointing at a JDK >= 21.
# Order: JAVA_HOME if it is new enough, then the JDKs under /usr/lib/jvm (newest first).
corral_java_major() {
  # The JDK's release file names its version without starting a JVM (~0.1 s per launch).
  local major=""
  [ -f "$1/release" ] && major=$(sed -n 's/^JAVA_VERSION="\([0-9]*\).*/\1/p' "$1/release" | head -n 1)
  if [ -n "$major" ] && [ "$major" -ge 9 ]; then
    echo "$major"
    return
  fi
  "$1/bin/java" -XshowSettings:properties -version 2>&1 \
    | sed -n 's/^ *java\.specification\.version = \([0-9]*\).*/\1/p' | head -n 1
}

corral_find_jdk() {
  local candidate major
  for candidate in "${JAVA_HOME:-}" $(ls -d /usr/lib/jvm/*/ 2>/dev/null | sort -rV); do
    candidate="${candidate%/}"
    [ -n "$candidate" ] && [ -x "$candidate/bin/java" ] && [ -x "$candidate/bin/javac" ] || continue
    major=$(corral_java_major "$candidate")
    if [ -n "$major" ] && [ "$major" -ge 21 ]; then
      export JAVA_HOME="$candidate"
      return 0
    fi
  done
  echo "corral: no JDK 21 or newer found. Set JAVA_HOME to one, or install one under /usr/lib/jvm" \
       "(for example: apt-get install openjdk-21-jdk-headless)." >&2
  return 1
}
