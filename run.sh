#!/usr/bin/env bash
# Runs WhatsDeX at http://localhost:${PORT:-8080} with an embedded PostgreSQL whose data lives in ./data.
# Builds first when the sources are newer than the last build. Extra arguments go to the server
# (e.g. --server.port=9090). Configuration: environment variables, see README.
set -euo pipefail
cd "$(dirname "$0")"
jar=server/target/whatsdex-server.jar
app=server/target/app # the jar extracted, plus the JDK's ahead-of-time cache trained on it
if [ ! -f "$jar" ] || [ -n "$(find pom.xml server/pom.xml server/src web/pom.xml web/src web/index.html web/package.json \
    -newer "$jar" -print -quit 2>/dev/null)" ]; then
  echo "Building WhatsDeX (first run or changed sources)…"
  ./mvnw -B -q -DskipTests package
fi
java=$(scripts/java.sh)
version=$("$java" -XshowSettings:properties -version 2>&1 | sed -n 's/^ *java.specification.version = //p')

if [ ! -f "$app/whatsdex-server.jar" ] || [ "$jar" -nt "$app/whatsdex-server.jar" ]; then
  rm -rf "$app"
  "$java" -Djarmode=tools -jar "$jar" extract --destination "$app" >/dev/null
  if [ "$version" -ge 25 ]; then
    # One training start (JEP 514) records the classes startup loads and links; later starts map them from the
    # cache and serve in about half the time. It runs on a throw-away data dir and exits once the context is up.
    echo "Preparing the startup cache (once per build)…"
    training=$(mktemp -d)
    "$java" -XX:AOTCacheOutput="$app/app.aot" -Dspring.context.exit=onRefresh -jar "$app/whatsdex-server.jar" \
      --whatsdex.data-dir="$training" --server.port=0 >"$app/aot-training.log" 2>&1 || echo "(startup cache skipped, see $app/aot-training.log)"
    rm -rf "$training"
  fi
fi
aot=()
[ -f "$app/app.aot" ] && aot=(-XX:AOTCache="$app/app.aot")
exec "$java" "${aot[@]}" ${JAVA_OPTS:-} -jar "$app/whatsdex-server.jar" "$@"
