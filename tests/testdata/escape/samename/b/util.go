// Package b: a util.go like a's, with a stack allocation on line 8 where a's escapes.
package b

import "vigil.test/escape/samename/a"

// +checkescape:hard
func Clean(x int) int {
	var p = &t{a: x, b: x}
	return p.a + p.b
}

type t struct{ a, b int }

// Uses calls a's inlined helper whose make escapes here. gVisor's
// checkescape keys escapes by base name and line, so it would also blame
// util.go:8 in this file (Clean); Vigil uses full paths.
//
// +checkescape:builtin
func Uses(n int) []int {
	return a.Helper(n) // want `^builtin: make\(\[\]int, a\.n\) escapes to heap.*\n.*samename/a/util\.go:8:\d+: → a\.Helper`
}
