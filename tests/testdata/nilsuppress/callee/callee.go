// Package callee dereferences its parameters; some dereferences carry a
// //nolint:vigil-nil directive, which must also silence the callers that
// pass nil to them (the flow ends at the suppressed dereference).
package callee

type T struct{ X int }

// Deref reads t.X; its callers are trusted never to pass nil.
func Deref(t *T) int {
	return t.X //nolint:vigil-nil // callers never pass nil
}

// Quiet is vetted as a whole: the directive above its declaration covers its body.
//
//nolint:vigil-nil // reviewed
func Quiet(t *T) int {
	return t.X
}

// Loud dereferences its parameter and carries no directive.
func Loud(t *T) int {
	return t.X
}

// Wrapped passes its parameter on to Deref: the requirement it inherits ends
// at the suppressed dereference too.
func Wrapped(t *T) int {
	return Deref(t)
}
