// Package mustescape: the inverse promise, with gVisor's exact locality.
package mustescape

type T struct{ A int }

// Allocates locally, as promised.
//
// +mustescape:local,heap
func Local() *T {
	return &T{}
}

// Via a callee, as promised (no local: the escape must come through a call).
//
// +mustescape:heap
func Remote() *T {
	return alloc()
}

//go:noinline
func alloc() *T { return &T{} }

// Promised local, but the allocation is only in a callee.
//
// +mustescape:local,heap
func WantLocalGotRemote() *T { // want `\+mustescape:local,heap not met: .*through a callee, at mustescape\.go`
	return alloc()
}

// Promised via a callee, but it allocates in its own body.
//
// +mustescape:heap
func WantRemoteGotLocal() *T { // want `\+mustescape:heap not met: .*in its own body`
	return &T{}
}

// Promised a builtin escape that does not happen.
//
// +mustescape:local,builtin
func NoBuiltin(xs []int) int { // want `\+mustescape:local,builtin not met`
	return len(xs)
}

// Two requirements, one met.
//
// +mustescape:local,heap,builtin
func HalfMet() *T { // want `\+mustescape:local,builtin not met`
	return &T{}
}

// Interface required and present.
//
// +mustescape:local,interface
func Iface(s interface{ M() }) {
	s.M()
}

// Combined with checkescape on the same function.
//
// +checkescape:builtin
// +mustescape:local,heap
func Both(n int) (*T, []int) {
	return &T{A: n}, make([]int, n) // want `^builtin: make`
}
