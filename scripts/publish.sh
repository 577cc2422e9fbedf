#!/usr/bin/env bash
# Builds the release artifacts into dist/:
#   dist/vigil-<version>-linux-<arch>.tar.gz   one native executable (Native AOT,
#                                              self-contained, single file) + docs
#   dist/vigil-<version>-checksums.txt         SHA-256 of each archive
#   dist/vigil.<version>.nupkg                 the .NET global tool
#                                              (dotnet tool install --global vigil --add-source dist/)
# The executable carries the Go front-end's source and builds it with the
# machine's Go on first use: a Go toolchain is all it needs.
#
# usage: scripts/publish.sh [--arch x64|arm64|all] [--no-tool]
#   Native AOT links with the system's C toolchain (gcc or clang, and zlib).
#   arm64 is built only where a cross linker (aarch64-linux-gnu-gcc) exists.
set -euo pipefail
root=$(cd "$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")/.." && pwd)
cd "$root"
archs=(x64)
tool=1
while [ $# -gt 0 ]; do
  case "$1" in
    --arch) shift; case "${1:-}" in x64|arm64) archs=("$1");; all) archs=(x64 arm64);; *) echo "publish: --arch x64|arm64|all" >&2; exit 2;; esac;;
    --no-tool) tool=0;;
    -h|--help) sed -n '2,14p' "$0"; exit 0;;
    *) echo "publish: unknown argument $1" >&2; exit 2;;
  esac
  shift
done

version=$(sed -n 's|.*<Version>\(.*\)</Version>.*|\1|p' Directory.Build.props | head -1)
[ -n "$version" ] || { echo "publish: no <Version> in Directory.Build.props" >&2; exit 2; }
command -v cc >/dev/null || command -v gcc >/dev/null || command -v clang >/dev/null \
  || { echo "publish: Native AOT needs a C toolchain to link: apt-get install gcc zlib1g-dev" >&2; exit 2; }
mkdir -p dist
checksums="dist/vigil-$version-checksums.txt"
: > "$checksums.tmp"
for arch in "${archs[@]}"; do
  rid="linux-$arch"
  if [ "$arch" = arm64 ] && [ "$(uname -m)" != aarch64 ] && ! command -v aarch64-linux-gnu-gcc >/dev/null; then
    echo "publish: skipping linux-arm64: no cross linker (apt-get install gcc-aarch64-linux-gnu)" >&2
    continue
  fi
  out="artifacts/publish/$rid"
  rm -rf "$out"
  echo "publish: building the native executable for $rid (a few minutes)..." >&2
  extra=()
  # Cross-linking: clang --target=aarch64-linux-gnu finds Debian's cross libc (gcc-aarch64-linux-gnu) by itself;
  # a --sysroot would break it, since that libc's linker scripts name absolute paths.
  [ "$arch" = arm64 ] && [ "$(uname -m)" != aarch64 ] && extra=(-p:CppCompilerAndLinker=clang -p:ObjCopyName=aarch64-linux-gnu-objcopy)
  dotnet publish src/Vigil.Cli/Vigil.Cli.csproj -c Release -r "$rid" -o "$out" --nologo -v quiet \
    -p:PublishAot=true -p:StripSymbols=true "${extra[@]}" >&2
  stage="artifacts/publish/vigil-$version-$rid"
  rm -rf "$stage"
  mkdir -p "$stage/docs/checks"
  cp "$out/vigil" "$stage/vigil"
  cp README.md "$stage/"
  cp docs/checks/nil.md docs/checks/race.md docs/checks/escape.md docs/checks/directive.md "$stage/docs/checks/"
  cp docs/output.md docs/editors.md docs/vigil.schema.json "$stage/docs/"
  archive="vigil-$version-$rid.tar.gz"
  tar -C artifacts/publish -czf "dist/$archive" --owner=0 --group=0 --sort=name --mtime='2000-01-01 00:00Z' "vigil-$version-$rid"
  (cd dist && sha256sum "$archive") >> "$checksums.tmp"
  echo "dist/$archive" 
done
sort -k2 "$checksums.tmp" > "$checksums"
rm -f "$checksums.tmp"
echo "$checksums"

if [ "$tool" = 1 ]; then
  echo "publish: packing the .NET global tool..." >&2
  dotnet pack src/Vigil.Cli/Vigil.Cli.csproj -c Release -o dist --nologo -v quiet \
    -p:VigilTool=true >&2
  echo "dist/vigil.$version.nupkg"
fi
