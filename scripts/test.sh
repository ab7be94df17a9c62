#!/usr/bin/env bash
# Installs, builds and runs every test suite of the workspace.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/toolchain.sh"

prepare_workspace
cd "$ROOT"
pnpm run test
