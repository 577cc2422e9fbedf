#!/usr/bin/env bash
# Installs what the editor-client tests of `vigil lsp` need (tests/Vigil.Tests/Lsp),
# where this machine allows it; never fails the run. Without them those tests are
# skipped, each with its reason:
#   - the npm client's packages (tests/editors/lsp-client: npm ci, from its lock file);
#   - Neovim, from Debian's packages (apt-get, as root only).
set -uo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
client="$root/tests/editors/lsp-client"

if ! command -v npm >/dev/null; then
  echo "editor clients: no npm here: the npm LSP client test will be skipped" >&2
elif [ ! -d "$client/node_modules/vscode-languageserver-protocol" ] || [ "$client/package-lock.json" -nt "$client/node_modules" ]; then
  (cd "$client" && timeout 300 npm ci --no-audit --no-fund --loglevel=error >/dev/null) \
    || echo "editor clients: npm ci failed in $client: the npm LSP client test will be skipped" >&2
fi

if ! command -v nvim >/dev/null; then
  if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
    echo "editor clients: installing Neovim (apt-get install neovim) for the headless Neovim test..." >&2
    install() { DEBIAN_FRONTEND=noninteractive timeout 900 apt-get -o DPkg::Lock::Timeout=900 install -y -q neovim >/dev/null 2>&1; }
    install || { timeout 600 apt-get -o DPkg::Lock::Timeout=900 update -q >/dev/null 2>&1; install; } \
      || echo "editor clients: apt-get could not install neovim: the Neovim test will be skipped" >&2
  else
    echo "editor clients: no nvim, and installing it needs root and apt-get: the Neovim test will be skipped" >&2
  fi
fi
exit 0
