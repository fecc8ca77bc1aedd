# Sourced by the project's scripts: picks a JDK 21 or newer (Temurin 25 on our machines; the
# system java may be older) and puts it first on PATH.
find_jdk() {
  local candidate version
  for candidate in "${JAVA_HOME:-}" /usr/lib/jvm/temurin-25-jdk-* /usr/lib/jvm/temurin-2[1-9]-jdk-* /usr/lib/jvm/java-2[1-9]-openjdk-* /usr/lib/jvm/*; do
    [ -n "$candidate" ] && [ -x "$candidate/bin/javac" ] || continue
    version=$("$candidate/bin/java" -XshowSettings:properties -version 2>&1 | sed -n 's/.*java.specification.version = //p')
    if [ "${version:-0}" -ge 21 ] 2>/dev/null; then
      echo "$candidate"
      return 0
    fi
  done
  echo "no JDK 21 or newer found; install one or set JAVA_HOME" >&2
  return 1
}
JAVA_HOME=$(find_jdk)
export JAVA_HOME
export PATH="$JAVA_HOME/bin:$PATH"
