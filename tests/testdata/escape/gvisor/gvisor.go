// Package gvisor: where gVisor's checkescape is known to guess and Vigil
// follows the compiler instead (item 4 of the escape issue).
package gvisor

type Shape interface{ Area() int }

type Big struct{ S int }

// Area allocates and is too large to inline, so a devirtualized call to it stays a call.
//
//go:noinline
func (b *Big) Area() int {
	keep = append(keep, &Big{S: b.S}) // not annotated: reported only through annotated callers
	return b.S * b.S
}

var keep []*Big

// DevirtualizedToAllocating: the compiler turns s.Area() into a direct call
// of (*Big).Area; what that method allocates is reported through the call,
// as a heap escape, not as an interface call.
//
// +checkescape:interface,heap
func DevirtualizedToAllocating(n int) int {
	var s Shape = &Big{S: n}
	return s.Area() // want `^heap: &Big\{\.\.\.\} escapes to heap\n.*→ gvisor\.\(\*Big\)\.Area`
}

// DevirtualizedIsNotInterface: the same call, promised only not to go through an interface.
//
// +checkescape:interface
func DevirtualizedIsNotInterface(n int) int {
	var s Shape = &Big{S: n}
	return s.Area()
}

// LocalMapWrites: a map that does not escape lives on the stack; writing to
// it calls the runtime's map code, which is not an allocation the compiler
// decided (gVisor's tool reports the call).
//
// +checkescape:hard
func LocalMapWrites(a, b int) int {
	m := make(map[int]int)
	m[a] = b
	m[b] = a
	return m[a] + len(m)
}

// SliceOnStack: a constant-size make that does not escape is a stack array.
//
// +checkescape:hard
func SliceOnStack(a int) int {
	xs := make([]int, 8)
	xs[a&7] = a
	return xs[0] + xs[7]
}

// ChanDoesNotEscapeStillAllocates: a channel is always made by the runtime,
// escaping or not.
//
// +checkescape:builtin
func ChanDoesNotEscapeStillAllocates() int {
	ch := make(chan int, 1) // want `^builtin: make of a channel \(runtime\.makechan\)`
	ch <- 1
	return <-ch
}

// TwoCallsOneLine: two calls on one line, only one of them allocates; the
// report is at the column of the allocating one.
//
// +checkescape:heap
func TwoCallsOneLine(n int) int {
	return pure(n) + (&Big{S: n}).Area() // want `^heap: &Big\{\.\.\.\} escapes to heap\n.*→ gvisor\.\(\*Big\)\.Area`
}

//go:noinline
func pure(n int) int { return n + 1 }
