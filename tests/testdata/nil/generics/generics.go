// Package generics: values of type-parameter type. Their zero value is nil only
// when every type argument would be nilable; a method called on one is not by
// itself a dereference (the type argument may be a struct, or a nil-safe pointer).
package generics

type Closer interface{ Close() error }

// ok: T may be a struct whose zero value has a working Close.
func CloseZero[T Closer]() error {
	var c T
	return c.Close() // ok
}

// ok: every T is a pointer or a channel, so c is nil, but T's Close may handle a nil receiver.
func CloseNilable[T interface {
	Closer
	~*int | ~chan int
}]() error {
	var c T
	return c.Close() // ok
}

// ok: a method value taken from a type-parameter value.
func CloseLater[T Closer]() func() error {
	var c T
	return c.Close // ok
}

// An interface-typed zero value is nil: calling its method panics.
func CloseInterface() error {
	var c Closer
	return c.Close() // want `nil panic: c may be nil here \(method Close called on it\)`
}

// Every T is a function: its zero value is nil.
func CallZero[F ~func()]() {
	var f F
	f() // want `nil panic: f may be nil here \(nil function called\)`
}

// ok: T may be int, whose zero value is not nil.
func CallMixed[T ~func() | ~int](t T) T {
	var zero T
	return zero // ok
}

// Every T is a pointer: dereferenced, then compared with nil.
func DerefThenCheck[P ~*int](p P) int {
	v := *p // want `nil panic: p may be nil here.*checked for nil after`
	if p == nil {
		return 0
	}
	return v
}

// ok: T may be a non-pointer; nothing is dereferenced.
func CheckOnly[T comparable](a, b T) bool {
	return a == b // ok
}
