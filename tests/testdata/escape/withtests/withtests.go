// Package withtests has tests: loading with tests gives only its test
// variant, which must still be checked (the compiler builds the package).
package withtests

type T struct{ A int }

// New breaks its promise.
//
// +checkescape
func New(a int) *T {
	return &T{A: a} // want `^heap: &T\{\.\.\.\} escapes to heap`
}
