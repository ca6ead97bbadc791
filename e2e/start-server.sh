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
ai_pid=""
stop() {
  if [[ -n "$ai_pid" ]]; then
    kill -TERM "$ai_pid" 2>/dev/null || true
  fi
  if [[ -n "$pid" ]]; then
    kill -TERM "$pid" 2>/dev/null || true
    wait "$pid" 2>/dev/null || true
  fi
  rm -rf "$data_dir"
}
trap stop EXIT
trap 'exit 143' TERM INT

# a scripted AI provider on loopback (e2e/fake-openai.mjs) and the operator token, so specs can move a workspace to
# Enterprise and spin a template through the real client code
ai_port="${E2E_AI_PORT:-18090}"
E2E_AI_PORT="$ai_port" node "$here/fake-openai.mjs" &
ai_pid=$!

WHATSDEX_AI_BASE_URL="http://127.0.0.1:$ai_port/v1" WHATSDEX_AI_MODEL=e2e-model \
  WHATSDEX_ADMIN_TOKEN="${E2E_ADMIN_TOKEN:-e2e-operator-token}" \
  "$java_bin" -jar "$jar" --server.port="$port" --whatsdex.data-dir="$data_dir" \
  --whatsdex.analytics.rollup-interval=2s &
pid=$!
wait "$pid"
