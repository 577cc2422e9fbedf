#!/usr/bin/env bash
# action.yml step: puts a vigil executable in place and writes its path as
# vigil=PATH to $GITHUB_OUTPUT.
#   VIGIL_VERSION set: the release archive of that version, from the action's
#     repository's releases (gh), checked against the release's checksum file;
#   else: the action's own source, built once with scripts/publish.sh (or,
#     without a C toolchain for Native AOT, run through ./vigil).
set -euo pipefail
action=${GITHUB_ACTION_PATH:-$(cd "$(dirname "$0")/../.." && pwd)}
dest=${RUNNER_TEMP:-/tmp}/vigil-bin
mkdir -p "$dest"
arch=$(uname -m); case "$arch" in x86_64) arch=x64;; aarch64|arm64) arch=arm64;; esac
if [ -n "${VIGIL_VERSION:-}" ]; then
  v=${VIGIL_VERSION#v}
  archive="vigil-$v-linux-$arch.tar.gz"
  repo=${VIGIL_ACTION_REPOSITORY:?VIGIL_ACTION_REPOSITORY is not set}
  gh release download "v$v" --repo "$repo" --dir "$dest" --pattern "$archive" --pattern "vigil-$v-checksums.txt" --clobber
  (cd "$dest" && grep " $archive\$" "vigil-$v-checksums.txt" | sha256sum -c -)
  tar -C "$dest" -xzf "$dest/$archive"
  vigil="$dest/vigil-$v-linux-$arch/vigil"
elif command -v cc >/dev/null || command -v gcc >/dev/null || command -v clang >/dev/null; then
  (cd "$action" && scripts/publish.sh --arch "$arch" --no-tool >/dev/null)
  v=$(sed -n 's|.*<Version>\(.*\)</Version>.*|\1|p' "$action/Directory.Build.props" | head -1)
  tar -C "$dest" -xzf "$action/dist/vigil-$v-linux-$arch.tar.gz"
  vigil="$dest/vigil-$v-linux-$arch/vigil"
else
  vigil="$action/vigil"
fi
"$vigil" version
echo "vigil=$vigil" >> "${GITHUB_OUTPUT:?GITHUB_OUTPUT is not set}"
