#!/usr/bin/env bash
# Exercises every install path from a clean directory, as a user would:
#   1. the release archive (scripts/publish.sh): extracted into an empty
#      directory, run with nothing but Go on PATH, on a copy of the example;
#   2. the .NET global tool (dotnet tool install --tool-path, from dist/);
#   3. ./vigil through a symlink on PATH;
#   4. the Dockerfile (when docker is available here; otherwise said so).
# Then times `vigil version` (native) against the ReadyToRun build.
# usage: bench/install/run.sh        (takes a few minutes: Native AOT)
set -euo pipefail
root=$(cd "$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")/../.." && pwd)
cd "$root"
go=${VIGIL_GO:-$(scripts/ensure-go.sh)}
gobin=$(dirname "$go")
version=$(sed -n 's|.*<Version>\(.*\)</Version>.*|\1|p' Directory.Build.props | head -1)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
cp -r examples/orders "$work/orders"
expected=$(./vigil check -C examples/orders ./... 2>/dev/null || true)
ok=0 failed=0
pass() { echo "ok    $1"; ok=$((ok + 1)); }
fail() { echo "FAIL  $1"; failed=$((failed + 1)); }
same() { [ "$1" = "$expected" ] && pass "$2" || { fail "$2"; diff <(echo "$expected") <(echo "$1") | head -10; }; }

echo "== release archive"
scripts/publish.sh >/dev/null
(cd dist && sha256sum -c --ignore-missing "vigil-$version-checksums.txt" >/dev/null) && pass "checksum file verifies the archive" || fail "checksums"
mkdir -p "$work/empty"
tar -C "$work/empty" -xzf "dist/vigil-$version-linux-x64.tar.gz"
bin="$work/empty/vigil-$version-linux-x64/vigil"
# Only Go on PATH; a cache of its own, so the front-end is built from the binary's embedded source.
out=$(cd "$work/orders" && env -i HOME="$work/home" PATH="$gobin:/usr/bin:/bin" VIGIL_CACHE="$work/cache-archive" "$bin" check ./... 2>"$work/archive.err" || true)
same "$out" "archive: vigil check on the example, only Go on PATH"
grep -q "front-end" "$work/archive.err" && pass "archive: first run says it builds the front-end" || echo "note  first run printed: $(head -3 "$work/archive.err")"

echo "== .NET global tool"
rm -rf "$work/tools"
dotnet tool install --tool-path "$work/tools" vigil --add-source dist/ --version "$version" >/dev/null
out=$(cd "$work/orders" && VIGIL_GO="$go" VIGIL_CACHE="$work/cache-tool" "$work/tools/vigil" check ./... 2>/dev/null || true)
same "$out" "dotnet tool: vigil check on the example"

echo "== ./vigil through a symlink on PATH"
mkdir -p "$work/pathbin"
ln -s "$root/vigil" "$work/pathbin/vigil"
out=$(cd "$work/orders" && PATH="$work/pathbin:$PATH" VIGIL_GO="$go" vigil check ./... 2>/dev/null || true)
same "$out" "symlinked ./vigil"

echo "== Dockerfile"
if command -v docker >/dev/null && docker info >/dev/null 2>&1; then
  # Where no registry is reachable, the base image is built locally from the Debian mirror.
  bench/install/debian-base.sh || echo "note  no base image: docker build will fail"
  docker build -q -t vigil-bench . >/dev/null && pass "docker build" || fail "docker build"
  out=$(docker run --rm -v "$work/orders:/src" -w /src vigil-bench check ./... 2>/dev/null || true)
  same "$out" "docker run on the example"
  # Without OpenSSL the .NET runtime aborts at the first hash: vigil must say what to install instead.
  msg=$(docker run --rm -v "$root/dist:/d:ro" debian:bookworm-slim sh -c \
    "tar -C /tmp -xzf /d/vigil-$version-linux-x64.tar.gz && /tmp/vigil-$version-linux-x64/vigil version; echo exit=\$?" 2>&1 || true)
  case "$msg" in *"apt-get install libssl3"*exit=2*) pass "no OpenSSL: a clear error, exit 2";; *) fail "no OpenSSL: $msg";; esac
else
  echo "skip  docker is not available on this machine: the Dockerfile was not built"
fi

echo "== start-up: vigil version (native vs ReadyToRun), 10 runs each, median wall"
median() { sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }
time_it() { for _ in $(seq 10); do /usr/bin/time -f %e "$@" >/dev/null 2>>"$work/t" || true; tail -1 "$work/t"; done | median; }
echo "native      $(VIGIL_GO="$go" time_it "$bin" version) s"
echo "ReadyToRun  $(VIGIL_GO="$go" time_it dotnet "$root/artifacts/cli/vigil.dll" version) s"
echo "$ok passed, $failed failed"
[ "$failed" = 0 ]
