// Package exempt: exemptions, used and unused, with and without a reason.
package exempt

type T struct{ A int }

// Exempted: the allocation is exempted; no report.
//
// +checkescape:hard
func Exempted(a int) *T {
	return &T{A: a} // escapes: returned to a pool by the caller
}

// Unused: the exemption is on a line that allocates nothing.
//
// +checkescape:hard
func Unused(a int) int {
	b := a + 1 // escapes: nothing here // want `exemption matches no escape`
	return b
}

// NoReason: an exemption must say why.
//
// +checkescape:hard
func NoReason(a int) *T {
	return &T{A: a} // escapes: // want `exemption without a reason` `^heap:`
}

// Malformed exemptions are reported.
func Malformed(a int) *T {
	return &T{A: a} // Escapes: upper case // want `is not an exemption`
}

// ExemptOneOfTwo: only the exempted line is silenced.
//
// +checkescape:heap
func ExemptOneOfTwo(a int) (*T, *T) {
	x := &T{A: a} // escapes: first one is fine
	y := &T{A: a} // want `^heap:`
	return x, y
}

// CallerOfExempt: the exemption in the callee applies to callers too.
//
// +checkescape:heap
func CallerOfExempt(a int) *T {
	return helper(a)
}

//go:noinline
func helper(a int) *T {
	return &T{A: a} // escapes: applies to all callers
}

// ExemptCleanCall: an exemption on a call to a clean function matches nothing.
//
// +checkescape:heap
func ExemptCleanCall(a int) int {
	return clean(a) // escapes: not needed // want `exemption matches no escape`
}

//go:noinline
func clean(a int) int { return a * 3 }

// Unannotated functions may carry exemptions too; unused ones are still reported.
func Plain(a int) int {
	return a // escapes: stale // want `exemption matches no escape`
}
