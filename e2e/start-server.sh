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
google_pid=""
stop() {
  for fake in "$ai_pid" "$google_pid"; do
    if [[ -n "$fake" ]]; then
      kill -TERM "$fake" 2>/dev/null || true
    fi
  done
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

# a scripted Google on loopback (e2e/fake-google.mjs): its consent screen sends the browser straight back to the
# OAuth callback, whose redirect_uri is built from WHATSDEX_PUBLIC_URL. That must be the host name Playwright's
# baseURL uses (localhost), or the browser comes back to another origin without its session cookie.
google_port="${E2E_GOOGLE_PORT:-18091}"
google_client_id=e2e-client.apps.googleusercontent.com
google_client_secret=e2e-client-secret
E2E_GOOGLE_PORT="$google_port" E2E_GOOGLE_CLIENT_ID="$google_client_id" \
  E2E_GOOGLE_CLIENT_SECRET="$google_client_secret" node "$here/fake-google.mjs" &
google_pid=$!
google="http://127.0.0.1:$google_port"

# channels.spec.ts points a Cloud API channel at 127.0.0.1:9 to show an unreachable Graph API, which the server
# refuses by default (see README, Security): loopback is allowed here as in the server's tests
WHATSDEX_AI_BASE_URL="http://127.0.0.1:$ai_port/v1" WHATSDEX_AI_MODEL=e2e-model \
  WHATSDEX_ADMIN_TOKEN="${E2E_ADMIN_TOKEN:-e2e-operator-token}" \
  WHATSDEX_PUBLIC_URL="http://localhost:$port" \
  WHATSDEX_ALLOWED_PRIVATE_NETWORKS=127.0.0.0/8 \
  WHATSDEX_GOOGLE_CLIENT_ID="$google_client_id" WHATSDEX_GOOGLE_CLIENT_SECRET="$google_client_secret" \
  WHATSDEX_GOOGLE_AUTH_URI="$google/auth" WHATSDEX_GOOGLE_TOKEN_URI="$google/token" \
  WHATSDEX_GOOGLE_REVOKE_URI="$google/revoke" WHATSDEX_GOOGLE_DRIVE_ROOT_URL="$google/" \
  "$java_bin" -jar "$jar" --server.port="$port" --whatsdex.data-dir="$data_dir" \
  --whatsdex.analytics.rollup-interval=2s &
pid=$!
wait "$pid"
