// Package inline: helpers the compiler inlines, where the result depends on the caller.
package inline

type T struct{ A int }

func newT(a int) *T { return &T{A: a} }

// Escapes: the inlined helper's allocation escapes through this caller.
//
// +checkescape:heap
func Escapes(a int) *T {
	return newT(a) // want `^heap: &T\{\.\.\.\} escapes to heap\n.*inline\.go:\d+:\d+: → inline\.newT \(inline\.go:\d+, inlined\)`
}

// Eliminated: after inlining the value stays on the stack; gVisor's checkescape reports this, Vigil does not.
//
// +checkescape:heap
func Eliminated(a int) int {
	return newT(a).A
}

// Deep: two levels of inlining, both hops shown.
//
// +checkescape:heap
func Deep(a int) *T {
	return wrap(a) // want `^heap: .*\n.*→ inline\.wrap .*\n.*→ inline\.newT`
}

func wrap(a int) *T { return newT(a + 1) }

// LocalIgnoresInlined: local means the body itself, so an inlined callee does not count.
//
// +checkescape:local,heap
func LocalIgnoresInlined(a int) *T {
	return newT(a)
}

// Grow appends through an inlined helper: the builtin escape is attributed to the call.
//
// +checkescape:builtin
func Grow(xs []int) []int {
	return push(xs, 1) // want `^builtin: append may grow the slice.*\n.*→ inline\.push`
}

func push(xs []int, v int) []int { return append(xs, v) }
