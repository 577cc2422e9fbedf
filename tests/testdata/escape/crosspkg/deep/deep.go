// Package deep is two calls away from its annotated caller, through a
// package in between: its package imports lib, not deep.
package deep

type Rec struct{ A, B int }

var last *Rec

// Record allocates; it is too big to be inlined into its callers.
//
//go:noinline
func Record(a, b int) int {
	last = &Rec{A: a, B: b}
	return a + b
}
