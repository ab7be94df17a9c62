# Sourced by the other scripts: puts Node.js 22.15+ and pnpm first on PATH.
# When the machine's Node.js is older, Node.js 24 comes from the npm
# registry's `node` package into .tools/, leaving the system Node.js alone.
# pnpm always comes from .tools/, pinned to the version in package.json.

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
TOOLS="$ROOT/.tools"
NODE_PACKAGE="node@24"
PNPM_VERSION="$(sed -n 's/.*"packageManager": "pnpm@\([0-9.]*\)".*/\1/p' "$ROOT/package.json")"

export TURBO_TELEMETRY_DISABLED=1
export DO_NOT_TRACK=1

node_is_recent() {
  command -v node >/dev/null 2>&1 &&
    node -e 'const [major, minor] = process.versions.node.split(".").map(Number);
      process.exit(major > 22 || (major === 22 && minor >= 15) ? 0 : 1)'
}

install_tools() {
  echo "toolchain: installing $* into .tools/" >&2
  npm install --prefix "$TOOLS" --no-save --no-package-lock --no-audit --no-fund \
    --loglevel=error "$@" >&2
}

# npm prunes from .tools/ whatever a command does not name, so one command
# names every tool that .tools/ must hold.
wanted=("pnpm@$PNPM_VERSION")
if ! node_is_recent; then
  wanted+=("$NODE_PACKAGE")
  export PATH="$TOOLS/node_modules/node/bin:$PATH"
fi
if [ "$("$TOOLS/node_modules/.bin/pnpm" --version 2>/dev/null)" != "$PNPM_VERSION" ] ||
  { [ "${#wanted[@]}" -gt 1 ] && [ ! -x "$TOOLS/node_modules/node/bin/node" ]; }; then
  install_tools "${wanted[@]}"
fi
export PATH="$TOOLS/node_modules/.bin:$PATH"

# Installs the locked dependencies and builds every package.
prepare_workspace() {
  (cd "$ROOT" && pnpm install --frozen-lockfile && pnpm run build --output-logs=errors-only)
}
