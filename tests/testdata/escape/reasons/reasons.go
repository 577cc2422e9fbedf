// Package reasons: the soft reasons (interface, dynamic, stack, unknown)
// and interface boxing, each as the compiler sees it.
package reasons

import "strconv"

type Shape interface{ Area() int }

type Square struct{ S int }

func (s Square) Area() int { return s.S * s.S }

// Iface calls through an interface the compiler cannot see through.
//
// +checkescape:interface
func Iface(s Shape) int {
	return s.Area() // want `^interface: call through an interface: s\.Area\(\)`
}

// Devirt: the compiler devirtualizes (and inlines) the call; no report.
//
// +checkescape:interface
func Devirt(x int) int {
	var s Shape = Square{x}
	return s.Area()
}

// Dynamic calls a function value.
//
// +checkescape:dynamic
func Dynamic(f func(int) int, x int) int {
	return f(x) // want `^dynamic: call through a function value: f\(x\)`
}

// DynamicNotInterface: a dynamic call is not an interface call.
//
// +checkescape:interface
func DynamicNotInterface(f func(int) int, x int) int {
	return f(x)
}

// Stack: a function with a frame has a stack check on entry.
//
// +checkescape:stack
func Stack(n int) int { // want `^stack: stack split on function entry`
	var buf [128]int
	for i := range buf {
		buf[i] = i * n
	}
	return sum(buf[:])
}

//go:noinline
func sum(xs []int) int {
	s := 0
	for _, x := range xs {
		s += x
	}
	return s
}

// Leaf is small enough that the compiler omits the stack check.
//
// +checkescape:stack
func Leaf(a, b int) int {
	return a*b + 1
}

// Unknown calls into the standard library, which Vigil does not compile.
//
// +checkescape:unknown
func Unknown(n int) string {
	return strconv.Itoa(n) // want `^unknown: call to strconv\.FormatInt, whose code Vigil did not compile\n.*strconv/itoa\.go:\d+:\d+: → strconv\.Itoa \(itoa\.go:\d+, inlined\)`
}

// Boxing puts a value into an interface: the compiler allocates.
//
// +checkescape:heap
func Boxing(n int) any {
	return Square{n} // want `^heap: Square\{\.\.\.\} escapes to heap`
}

// SmallBox: boxing a small constant uses static data; nothing allocates.
//
// +checkescape:heap
func SmallBox() any {
	return 7
}

// AllReasons: all includes the soft ones.
//
// +checkescape:all
func AllReasons(s Shape) int { // want `^stack:`
	return s.Area() // want `^interface:`
}
