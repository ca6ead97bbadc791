#!/usr/bin/env bash
# Measures time-to-serving and idle RSS of ./run.sh against a scratch data dir (prepared by one first start).
set -euo pipefail
cd "$(dirname "$0")/.."
port=${PORT_UNDER_TEST:-18484}
data=$(mktemp -d)
serve() {
  WHATSDEX_DATA_DIR="$data" ./run.sh --server.port="$port" >"$data/run.log" 2>&1 &
  local pid=$! start; start=$(date +%s%N)
  until curl -sf -o /dev/null "localhost:$port/"; do sleep 0.05; done
  echo "serving after $(( ($(date +%s%N) - start) / 1000000 )) ms"
  sleep 8
  echo "idle RSS $(( $(ps -o rss= -p "$(pgrep -f "server.port=$port" | head -1)") / 1024 )) MB"
  kill "$pid"; wait "$pid" 2>/dev/null || true
}
serve >/dev/null # first start: initdb (and the AOT cache when the build is new)
for _ in 1 2 3; do serve; done
rm -rf "$data"
