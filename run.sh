#!/usr/bin/env bash
# Runs WhatsDeX at http://localhost:${PORT:-8080} with an embedded PostgreSQL whose data lives in ./data.
# Builds first when the sources are newer than the last build. Extra arguments go to the server
# (e.g. --server.port=9090). Configuration: environment variables, see README.
set -euo pipefail
cd "$(dirname "$0")"
jar=server/target/whatsdex-server.jar
if [ ! -f "$jar" ] || [ -n "$(find pom.xml server/pom.xml server/src web/pom.xml web/src web/index.html web/package.json \
    -newer "$jar" -print -quit 2>/dev/null)" ]; then
  echo "Building WhatsDeX (first run or changed sources)…"
  ./mvnw -B -q -DskipTests package
fi
java=$(scripts/java.sh)
exec "$java" ${JAVA_OPTS:-} -jar "$jar" "$@"
