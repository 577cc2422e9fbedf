#!/usr/bin/env bash
# Screenshots of the HTML report (--format html=FILE): a nil flow, a race with
# the locks held at each access, and an escape chain as a call tree, from the
# example module and the race/escape testdata, taken in headless Chromium by
# tests/browser/check-report.mjs (which also fails on any console error or
# request leaving the file). The reports and PNGs go to OUT (not checked in).
# Usage: bench/report/html-screenshots.sh [OUT]   (default: artifacts/html-screenshots)
# Needs node and Debian's chromium (apt-get install chromium).
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
out=$(mkdir -p "${1:-$root/artifacts/html-screenshots}" && cd "${1:-$root/artifacts/html-screenshots}" && pwd)
VIGIL_GO=${VIGIL_GO:-$("$root/scripts/ensure-go.sh")}
export VIGIL_GO
export VIGIL_CACHE=${VIGIL_CACHE:-/tmp/vigil-bench-report}
config=${VIGIL_BUILD_CONFIG:-Release}
dotnet build "$root/src/Vigil.Cli" -c "$config" -v quiet >/dev/null
vigil() { dotnet "$root/src/Vigil.Cli/bin/$config/net10.0/vigil.dll" "$@"; }

# Exit status 1 means findings, which is what we want here.
vigil check -C "$root/examples/orders" --format html="$out/orders.html" ./... || [ $? -eq 1 ]
vigil check -C "$root/tests/testdata" --format html="$out/testdata.html" ./race/guarded ./escape/callee || [ $? -eq 1 ]

check() { node "$root/tests/browser/check-report.mjs" "$@"; }
check "$out/orders.html" --filters \
  --expect 'article[data-check="vigil-nil"] svg::field ID accessed' \
  --screenshot "header.top::$out/header.png" \
  --screenshot "article[data-check=\"vigil-nil\"]::$out/nil.png" \
  --screenshot "article[data-check=\"vigil-race\"]::$out/race-handler.png" \
  --screenshot "article[data-check=\"vigil-escape\"]::$out/escape-local.png"
check "$out/testdata.html" --filters \
  --expect 'article[data-check="vigil-race"] svg::holding' \
  --expect 'article[data-check="vigil-escape"] svg::callee.second' \
  --screenshot "article[data-check=\"vigil-race\"]:has(svg .locks:not(.locks-none)):has(ol.steps li:nth-child(4))::$out/race.png" \
  --screenshot "article[data-check=\"vigil-escape\"]:has(ol.steps li:nth-child(2))::$out/escape.png"
ls -l "$out"/*.png
