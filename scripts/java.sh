#!/usr/bin/env bash
# Prints the path of a java binary of version 21 or newer: $JAVA_HOME's if it is new enough, else the newest
# JDK under /usr/lib/jvm (the machine's default java may be 17).
set -euo pipefail
version_of() { "$1" -XshowSettings:properties -version 2>&1 | sed -n 's/^ *java.specification.version = //p'; }
if [ -n "${JAVA_HOME:-}" ] && [ -x "$JAVA_HOME/bin/java" ] && [ "$(version_of "$JAVA_HOME/bin/java")" -ge 21 ]; then
  echo "$JAVA_HOME/bin/java"; exit 0
fi
best=""; best_version=0
for candidate in /usr/lib/jvm/*/bin/java; do
  [ -x "$candidate" ] || continue
  v=$(version_of "$candidate" || echo 0)
  if [ "${v:-0}" -gt "$best_version" ]; then best=$candidate; best_version=$v; fi
done
if [ "$best_version" -lt 21 ]; then
  echo "WhatsDeX needs JDK 21 or newer (25 recommended); none found under /usr/lib/jvm" >&2; exit 1
fi
echo "$best"
