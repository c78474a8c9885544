# Sourced by ./mvnw and the launch scripts: Bourse needs JDK 21+. When JAVA_HOME is unset and the
# default `java` is older (or missing), use the newest JDK 21+ under /usr/lib/jvm.
bourse_java_major() { "$1" -XshowSettings:properties -version 2>&1 | sed -n 's/^ *java.specification.version = \([0-9]*\).*/\1/p'; }
if [ -z "${JAVA_HOME-}" ]; then
  bourse_default_java="$(command -v java || true)"
  if [ -z "$bourse_default_java" ] || [ "$(bourse_java_major "$bourse_default_java")" -lt 21 ] 2>/dev/null; then
    bourse_jdks="$(ls -d /usr/lib/jvm/*/ 2>/dev/null | sort -V -r)"
    for bourse_jdk in $bourse_jdks; do
      if [ -x "${bourse_jdk}bin/javac" ] && [ "$(bourse_java_major "${bourse_jdk}bin/java")" -ge 21 ] 2>/dev/null; then
        JAVA_HOME="${bourse_jdk%/}"
        export JAVA_HOME
        break
      fi
    done
  fi
fi
