#!/usr/bin/env bash
# Makes sure a Go toolchain >= 1.22 is reachable, installing Debian's
# golang-go from bookworm-backports when none is. Prints the path of the
# `go` binary on stdout; everything else goes to stderr.
#
# The backports suite is added on the mirror that the machine's own apt
# sources already use, so no registry host is written anywhere here.
set -euo pipefail

go_ok() {
  local go_bin=$1 v
  v=$("$go_bin" env GOVERSION 2>/dev/null) || return 1
  v=${v#go}
  local major=${v%%.*} rest=${v#*.}
  local minor=${rest%%[.a-z]*}
  [ "$major" -gt 1 ] || { [ "$major" -eq 1 ] && [ "$minor" -ge 22 ]; }
}

for candidate in "${VIGIL_GO:-}" "$(command -v go 2>/dev/null || true)" /usr/lib/go-1.23/bin/go /usr/lib/go-1.24/bin/go /usr/local/go/bin/go; do
  if [ -n "$candidate" ] && [ -x "$candidate" ] && go_ok "$candidate"; then
    echo "$candidate"
    exit 0
  fi
done

if [ "$(id -u)" -ne 0 ] && ! command -v sudo >/dev/null; then
  echo "vigil: no Go >= 1.22 on PATH and not root: install Go 1.22 or newer and retry" >&2
  exit 2
fi
SUDO=""
[ "$(id -u)" -ne 0 ] && SUDO=sudo

echo "vigil: no Go >= 1.22 found; installing golang-1.23 from bookworm-backports" >&2
mirror=$("$(dirname "${BASH_SOURCE[0]}")/debian-mirror.sh" 2>/dev/null || true)
if [ -z "$mirror" ]; then
  echo "vigil: cannot find a Debian mirror in the apt sources; install Go 1.22+ by hand" >&2
  exit 2
fi
list=/etc/apt/sources.list.d/vigil-backports.list
if [ ! -f "$list" ]; then
  echo "deb $mirror bookworm-backports main" | $SUDO tee "$list" >/dev/null
fi
$SUDO apt-get update -qq >&2
DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq -t bookworm-backports golang-1.23-go >&2
for candidate in /usr/lib/go-1.23/bin/go; do
  if [ -x "$candidate" ] && go_ok "$candidate"; then
    echo "$candidate"
    exit 0
  fi
done
echo "vigil: installing Go failed; install Go 1.22 or newer and retry" >&2
exit 2
