#!/usr/bin/env bash
# Runs the @seda/telemetry demo on a fresh clone: installs the locked
# dependencies and builds every package, then runs the example API under
# generated traffic with the SDK exporting to a local OTLP receiver, and
# prints a summary of what arrived. DEMO_SECONDS sets the traffic time
# (default 15). DATABASE_URL, REDIS_URL and REDIS_KEY_PREFIX reach the API
# only when set; without DATABASE_URL it uses a fresh SQLite file.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/toolchain.sh"

log="$ROOT/.demo/prepare.log"
mkdir -p "$(dirname "$log")"
echo "demo: installing and building the workspace, log in .demo/prepare.log"
if ! prepare_workspace >"$log" 2>&1; then
  tail -n 40 "$log" >&2
  echo "demo: the install or build failed; the whole log is in $log" >&2
  exit 1
fi

cd "$ROOT"
cd examples/api
exec node dist/demo/main.js
