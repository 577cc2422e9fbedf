#!/usr/bin/env bash
# Runs all of Vigil's tests: finds or installs Go >= 1.22, checks the Go
# front-end (vet and its own tests), then builds and runs the .NET tests.
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$root"
VIGIL_GO=$(scripts/ensure-go.sh)
export VIGIL_GO
# A cache of our own, so a run never depends on what an earlier one left.
export VIGIL_CACHE="${VIGIL_CACHE:-$root/artifacts/cache}"
# The result cache starts empty too (the front-end binary is kept).
rm -rf "$VIGIL_CACHE/results"
gobin=$(dirname "$VIGIL_GO")
# The front-end is gofmt-clean (what a Go reviewer checks first).
gofmt="$gobin/gofmt"; [ -x "$gofmt" ] || gofmt=$("$VIGIL_GO" env GOROOT)/bin/gofmt
unformatted=$(cd frontend && "$gofmt" -l .)
[ -z "$unformatted" ] || { echo "test.sh: not gofmt-formatted (run gofmt -w): $unformatted" >&2; exit 1; }
(cd frontend && GOTOOLCHAIN=local GOFLAGS=-mod=mod "$gobin/go" vet ./... && GOTOOLCHAIN=local "$gobin/go" test ./...)
# A bounded fuzz of the front-end (docs/loading.md); bench/fuzz/run.sh runs longer.
fuzztime=${VIGIL_FUZZTIME:-60s}
if [ "$fuzztime" != 0 ]; then
  (cd frontend && GOTOOLCHAIN=local GOFLAGS= "$gobin/go" test -run '^$' -fuzz '^FuzzFrontend$' -fuzztime "$fuzztime" -fuzzminimizetime=0 -parallel 1 . 2>&1 | grep -vE "^fuzz: elapsed" | tail -n 12)
fi
# The editor clients the `vigil lsp` tests drive (npm packages, Neovim), where they can be installed.
scripts/ensure-editor-clients.sh
# The HTML report's browser tests need node and Debian's chromium: installed
# here when missing and this runs as root with apt (about a minute, once per
# machine; VIGIL_BROWSER_TESTS=0 skips it). Without them those tests skip.
if [ "${VIGIL_BROWSER_TESTS:-1}" != 0 ] && [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null \
   && { ! command -v chromium >/dev/null || ! command -v node >/dev/null; }; then
  want=(); command -v chromium >/dev/null || want+=(chromium); command -v node >/dev/null || want+=(nodejs)
  echo "test.sh: installing ${want[*]} for the HTML report's browser tests" >&2
  timeout 240 apt-get -o DPkg::Lock::Timeout=120 install -y -q "${want[@]}" >/dev/null 2>&1 \
    || { timeout 120 apt-get -o DPkg::Lock::Timeout=120 update -q >/dev/null 2>&1 \
         && timeout 240 apt-get -o DPkg::Lock::Timeout=120 install -y -q "${want[@]}" >/dev/null 2>&1; } \
    || echo "test.sh: could not install ${want[*]}; the browser tests will be skipped" >&2
fi
mkdir -p artifacts
rm -f artifacts/lsp-save-to-diagnostics.txt
set +e
dotnet test Vigil.sln --nologo -v quiet "$@" > artifacts/test-output.txt 2>&1
status=$?
set -e
grep -vE '^\s+Passed ' artifacts/test-output.txt | tail -200
# The figure the npm LSP client test measures (issue 17: diagnostics after a save).
if [ -f artifacts/lsp-save-to-diagnostics.txt ]; then cat artifacts/lsp-save-to-diagnostics.txt; fi
# One closing line that CI can read: "N passed, N failed".
awk '/Passed: +[0-9]+/ {for(i=1;i<=NF;i++) if($i=="Passed:") p+=$(i+1)} /Failed: +[0-9]+/ {for(i=1;i<=NF;i++) if($i=="Failed:") f+=$(i+1)} END {printf "%d passed, %d failed\n", p, f}' artifacts/test-output.txt
exit "$status"
