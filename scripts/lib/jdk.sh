# Sourced by ./mvnw and ./wya: selects a JDK 25+ and exports JAVA_HOME.
# Order: $JAVA_HOME if it is 25 or newer, then Temurin 25 under /usr/lib/jvm, then any JDK 25+ there.

wya_java_feature() { # prints the feature release of the java binary $1 (e.g. 25), or nothing
  "$1" -XshowSettings:properties -version 2>&1 | sed -n 's/^ *java\.specification\.version = \([0-9]*\).*/\1/p' | head -n 1
}

wya_select_jdk() {
  local wanted=25 candidate version
  if [ -n "${JAVA_HOME:-}" ] && [ -x "$JAVA_HOME/bin/java" ]; then
    version=$(wya_java_feature "$JAVA_HOME/bin/java")
    if [ -n "$version" ] && [ "$version" -ge "$wanted" ]; then export JAVA_HOME; return 0; fi
  fi
  for candidate in /usr/lib/jvm/temurin-25* /usr/lib/jvm/*-25* /usr/lib/jvm/*25* /usr/lib/jvm/*; do
    [ -x "$candidate/bin/java" ] && [ -x "$candidate/bin/javac" ] || continue
    version=$(wya_java_feature "$candidate/bin/java")
    if [ -n "$version" ] && [ "$version" -ge "$wanted" ]; then export JAVA_HOME="$candidate"; return 0; fi
  done
  cat >&2 <<MSG
error: WYA needs a JDK $wanted or newer, and none was found.
  Looked at: \$JAVA_HOME (${JAVA_HOME:-unset}) and /usr/lib/jvm/*.
  Install one, for example Eclipse Temurin 25 (https://adoptium.net; on Debian/Ubuntu:
  apt-get install temurin-25-jdk from the Adoptium apt repository), then set JAVA_HOME to it.
MSG
  return 1
}
