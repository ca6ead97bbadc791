#!/usr/bin/env bash
# Runs a benchmark against the packaged server and sandbox, each started as its own process on loopback.
#   bench/run.sh sandbox-capacity | webhook-ingest | outbound [options]     (bench/run.sh help lists them)
# Builds the server jar first when it is missing or older than the sources.
set -euo pipefail
cd "$(dirname "$0")/.."
jar=server/target/whatsdex-server.jar
if [ ! -f "$jar" ] || [ -n "$(find server/src web/src -newer "$jar" -print -quit 2>/dev/null)" ]; then
  ./mvnw -B -q -DskipTests package
fi
./mvnw -B -q -Pbench -pl bench -DskipTests package
java=$(scripts/java.sh)
exec "$java" -cp bench/target/classes com.whatsdex.bench.Bench --server-jar "$jar" --java "$java" "$@"
