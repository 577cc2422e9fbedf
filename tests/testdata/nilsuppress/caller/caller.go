// Package caller passes nil to the functions of package callee.
package caller

import "vigil.test/nilsuppress/callee"

func PassesNilToSuppressed() int {
	return callee.Deref(nil) // silenced: its flow ends at a suppressed dereference
}

func PassesNilToVetted() int {
	return callee.Quiet(nil) // silenced: the callee's declaration carries the directive
}

func PassesNilThroughWrapper() int {
	return callee.Wrapped(nil) // silenced: the flow reaches the suppressed dereference through Wrapped
}

func PassesNilToLoud() int {
	return callee.Loud(nil) // want `nil panic: nil may be nil here \(passed to callee.Loud, which dereferences it\)`
}

func CheckedThenPassed(t *callee.T) int {
	if t == nil {
		return callee.Deref(t) // silenced
	}
	return callee.Loud(t) // ok: not nil here
}

// Two dereferences of one nil: the suppressed one is not named among the
// "other places" of the one still reported.
func OneOfTwo(ok bool) int {
	var p *callee.T
	if ok {
		return p.X //nolint:vigil-nil // this branch is never taken with ok
	}
	return p.X // want `nil panic: p may be nil here \(field X accessed\)`
}
