#!/usr/bin/env bash
# Generates the benchmark module for the escape check: PKGS packages of
# FUNCS annotated functions each (default 6 x 10 = 60), calling helpers in
# their own package and in a shared one, with every kind of escape (heap,
# builtin, interface, dynamic, stack) and clean functions, inlined and not.
# FILLER unannotated functions per package (default 0) give the packages
# the size of real code, where hot paths are a small part.
# Usage: gen.sh DIR [PKGS] [FUNCS] [FILLER]
set -euo pipefail
dir=${1:?usage: gen.sh DIR [PKGS] [FUNCS]}
pkgs=${2:-6}
funcs=${3:-10}
filler=${4:-0}
rm -rf "$dir"; mkdir -p "$dir/shared"
printf 'module bench.escape\n\ngo 1.23\n' > "$dir/go.mod"
cat > "$dir/shared/shared.go" <<'EOF'
// Package shared holds helpers the benchmark packages call across packages.
package shared

type Buf struct {
	N    int
	Data [64]byte
}

type Sink interface{ Put(b *Buf) }

//go:noinline
func NewBuf(n int) *Buf { return &Buf{N: n} }

//go:noinline
func Sum(xs []int) int {
	s := 0
	for _, x := range xs {
		s += x
	}
	return s
}

func Small(n int) *Buf {
	if n > 0 {
		return &Buf{N: n}
	}
	return nil
}
EOF
for p in $(seq 1 "$pkgs"); do
  d="$dir/p$p"; mkdir -p "$d"; f="$d/p$p.go"
  {
    echo "// Package p$p is generated: annotated hot-path functions."
    echo "package p$p"
    echo
    echo 'import "bench.escape/shared"'
    echo
    echo "var keep []*shared.Buf"
    echo
    echo "//go:noinline"
    echo "func helper$p(n int) *shared.Buf { return shared.NewBuf(n + $p) }"
    echo
    echo "//go:noinline"
    echo "func clean$p(xs []int) int { return shared.Sum(xs) * $p }"
    for i in $(seq 1 "$funcs"); do
      echo
      case $(( i % 8 )) in
        0) printf '// +checkescape:hard\nfunc F%d(xs []int) int {\n\ts := 0\n\tfor _, x := range xs {\n\t\ts += x * %d\n\t}\n\treturn s + clean%d(xs)\n}\n' "$i" "$i" "$p" ;;
        1) printf '// +checkescape\nfunc F%d(n int) *shared.Buf {\n\treturn &shared.Buf{N: n + %d}\n}\n' "$i" "$i" ;;
        2) printf '// +checkescape:hard\nfunc F%d(n int) {\n\tkeep = append(keep, helper%d(n+%d))\n}\n' "$i" "$p" "$i" ;;
        3) printf '// +checkescape:interface\nfunc F%d(s shared.Sink, n int) {\n\tvar b shared.Buf\n\tb.N = n + %d\n\ts.Put(&b)\n}\n' "$i" "$i" ;;
        4) printf '// +checkescape:dynamic\nfunc F%d(f func(int) int, n int) int {\n\treturn f(n + %d)\n}\n' "$i" "$i" ;;
        5) printf '// +checkescape:heap\nfunc F%d(n int) *shared.Buf {\n\treturn shared.Small(n + %d)\n}\n' "$i" "$i" ;;
        6) printf '// +mustescape:local,heap\nfunc F%d(n int) any {\n\treturn shared.Buf{N: n + %d}\n}\n' "$i" "$i" ;;
        7) printf '// +checkescape:all\nfunc F%d(a, b int) int {\n\treturn a*%d + b\n}\n' "$i" "$i" ;;
      esac
    done
    for i in $(seq 1 "$filler"); do
      printf '\n// G%d is unannotated code around the hot paths.\nfunc G%d(xs []int, m map[int]string) (int, string) {\n\ts := ""\n\tfor i, x := range xs {\n\t\tif v, ok := m[x]; ok && i%%%d == 0 {\n\t\t\ts += v\n\t\t}\n\t}\n\treturn len(s) + %d, s\n}\n' "$i" "$i" $(( i % 7 + 2 )) "$i"
    done
  } > "$f"
done
echo "generated $dir: $pkgs packages x $funcs annotated functions = $((pkgs * funcs)), $filler unannotated functions per package"
