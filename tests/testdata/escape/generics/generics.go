// Package generics: promises on generic functions hold for every instance.
package generics

type List[T any] struct{ items []T }

// Push appends: growth may allocate.
//
// +checkescape:builtin
func (l *List[T]) Push(v T) {
	l.items = append(l.items, v) // want `^builtin: .*growslice`
}

// Len is clean.
//
// +checkescape:all
func (l *List[T]) Len() int {
	return len(l.items)
}

// Box returns its argument as an interface.
//
// +checkescape:heap
func Box[T any](v T) any {
	return v // want `^heap: v escapes to heap`
}

// Map calls a function value: dynamic.
//
// +checkescape:dynamic
func Map[T, U any](xs []T, out []U, f func(T) U) {
	for i, x := range xs {
		out[i] = f(x) // want `^dynamic:`
	}
}

// Use instantiates the generic functions, and reaches Box's allocation.
//
// +checkescape:heap
func Use(l *List[int], n int) any {
	l.Push(n)
	Map([]int{n}, make([]string, 1), func(int) string { return "" })
	return Box(n) // want `^heap: .*\n.*→ generics\.Box`
}

// Never is generic and never instantiated: there is no code to check.
//
// +checkescape
func Never[T any](v T) *T { // want `cannot check the escape promise of Never: no compiled code for it: it is generic`
	return &v
}
