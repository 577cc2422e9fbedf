#!/usr/bin/env bash
# Regenerates the C# syntax classes from go/ast (through the front-end).
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
go=$("$root/scripts/ensure-go.sh")
cd "$root/frontend"
GOTOOLCHAIN=local "$go" run . gen-csharp > "$root/src/Vigil/Syntax/Nodes.g.cs"
echo "wrote src/Vigil/Syntax/Nodes.g.cs"
