#!/usr/bin/env bash
# action.yml step: is a Go >= 1.22 on PATH? Writes found=true|false to $GITHUB_OUTPUT.
set -euo pipefail
found=false
if v=$(go env GOVERSION 2>/dev/null); then
  v=${v#go}; major=${v%%.*}; rest=${v#*.}; minor=${rest%%[.a-z]*}
  if [ "$major" -gt 1 ] || { [ "$major" -eq 1 ] && [ "$minor" -ge 22 ]; }; then found=true; fi
fi
echo "found=$found" >> "${GITHUB_OUTPUT:?GITHUB_OUTPUT is not set}"
echo "vigil: Go >= 1.22 on PATH: $found"
