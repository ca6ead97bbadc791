#!/usr/bin/env bash
# Starts the packaged WhatsDeX server for the Playwright end-to-end tests (web/playwright.config.ts):
# a JDK >= 21, a fresh data directory (embedded PostgreSQL inside), port 18080.
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
jar="${WHATSDEX_JAR:-$here/../server/target/whatsdex-server.jar}"
port="${E2E_PORT:-18080}"

java_bin="$("$here/../scripts/java.sh")"
if [[ ! -f "$jar" ]]; then
  echo "start-server.sh: $jar is missing; build the server first (./mvnw -pl server -am package)" >&2
  exit 1
fi

data_dir="$(mktemp -d "${TMPDIR:-/tmp}/whatsdex-e2e.XXXXXX")"
echo "start-server.sh: $java_bin, data in $data_dir, port $port" >&2

# Run java as a child rather than exec'ing it, so the data directory is removed after the server
# (and its embedded PostgreSQL) has shut down. Playwright sends SIGTERM to the whole process group.
pid=""
stop() {
  if [[ -n "$pid" ]]; then
    kill -TERM "$pid" 2>/dev/null || true
    wait "$pid" 2>/dev/null || true
  fi
  rm -rf "$data_dir"
}
trap stop EXIT
trap 'exit 143' TERM INT

"$java_bin" -jar "$jar" --server.port="$port" --whatsdex.data-dir="$data_dir" &
pid=$!
wait "$pid"
