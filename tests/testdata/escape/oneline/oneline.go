// Package oneline: several expressions on one line, told apart by the compiler's columns.
package oneline

type T struct{ A int }

var g *T

// OnlySecond: of two allocations on the line, only the second escapes; the report names it alone.
//
// +checkescape:heap
func OnlySecond(a int) int {
	x, y := &T{A: a}, &T{A: a + 1}; g = y // want `^heap: &T\{\.\.\.\} escapes to heap$`
	return x.A
}

// SameLineCall: a non-escaping allocation next to a call on the same line; gVisor's "any CALL on the line" reports it, Vigil does not.
//
// +checkescape:heap
func SameLineCall(a int) int {
	p := &T{A: a}; return use(p)
}

//go:noinline
func use(p *T) int { return p.A }

// Two kinds on one line: a heap and a builtin escape, reported separately.
//
// +checkescape:hard
func TwoKinds(n int) (*T, []byte) {
	return &T{A: n}, make([]byte, n) // want `^heap: &T\{\.\.\.\} escapes to heap$` `^builtin: make\(\[\]byte, n\)`
}
