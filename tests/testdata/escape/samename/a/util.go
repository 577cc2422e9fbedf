// Package a has a file named util.go, like package b.
package a

type T struct{ A int }

// Helper allocates; it is inlined into b's callers.
func Helper(n int) []int {
	return make([]int, n)
}

// Keep is clean.
//
// +checkescape:hard
func Keep(x int) int {
	t := T{A: x}
	return t.A
}
