// Package grammar: every form of the annotation grammar, and every mistake.
package grammar

type T struct{ A, B int }

var sink *T

// Bare checks local hard escapes.
//
// +checkescape
func Bare(a int) *T {
	return &T{A: a} // want `^heap: &T\{\.\.\.\} escapes to heap$`
}

// Clean keeps its promise: nothing reported.
//
// +checkescape:all
func Clean(a, b int) int {
	t := T{A: a, B: b}
	return t.A + t.B
}

// HeapOnly ignores the builtin escape (make) and reports the heap one.
//
// +checkescape:heap
func HeapOnly(n int) (*T, []byte) {
	return &T{A: n}, make([]byte, n) // want `^heap: &T`
}

// BuiltinOnly reports the make and ignores the &T.
//
// +checkescape:builtin
func BuiltinOnly(n int) (*T, []byte) {
	return &T{A: n}, make([]byte, n) // want `^builtin: make\(\[\]byte, n\) escapes to heap`
}

// Hard is heap plus builtin.
//
// +checkescape:hard
func Hard(n int) (*T, []byte) {
	return &T{A: n}, make([]byte, n) // want `^heap: &T` `^builtin: make`
}

// Several reasons, space after the comma.
//
// +checkescape:heap, builtin
func Listed(n int) []byte {
	return make([]byte, n) // want `^builtin:`
}

// Unknown reason: reported at the annotation, the known ones still work.
//
// +checkescape:heap,bogus // want `unknown reason "bogus"`
func UnknownReason(a int) *T {
	return &T{A: a} // want `^heap:`
}

// Space instead of colon: gVisor ignores it silently; Vigil reports it.
//
// +checkescape all // want `has no effect: reasons follow a colon`
func SpaceInsteadOfColon(a int) *T {
	return &T{A: a}
}

// Misspelled: reported, not ignored.
//
// +checkesacape:all // want `misspelled "// \+checkescape"`
func Typo(a int) *T {
	return &T{A: a}
}

// No space after the slashes.
//
//+checkescape // want `misspelled`
func NoSpace(a int) *T {
	return &T{A: a}
}

// Plural.
//
// +checkescapes:heap // want `misspelled`
func Plural(a int) *T {
	return &T{A: a}
}

// Misspelled mustescape.
//
// +mustesacpe:heap // want `misspelled "// \+mustescape"`
func MustTypo() *T {
	return &T{}
}

// Empty list.
//
// +checkescape: // want `empty reason` `names no reason`
func Empty(a int) *T {
	return &T{A: a}
}

// A stray comma.
//
// +checkescape:heap, // want `empty reason`
func StrayComma(a int) *T {
	return &T{A: a} // want `^heap:`
}

// Only local: the callee's allocation does not count.
//
// +checkescape:local,heap
func LocalOnly(a int) *T {
	return alloc(a)
}

// Without local, it does.
//
// +checkescape:heap
func ViaCallee(a int) *T {
	return alloc(a) // want `^heap: &T\{\.\.\.\} escapes to heap\n.*grammar\.go:\d+:\d+: → grammar\.alloc \(grammar\.go:\d+\)`
}

//go:noinline
func alloc(a int) *T { return &T{A: a} }

// +checkescape:heap // want `no effect here: escape promises belong in the doc comment`

var _ = 0

// MustNoReasons has a mustescape without reasons.
//
// +mustescape // want `needs reasons after a colon`
func MustNoReasons() *T {
	return &T{}
}

// Unknown reason in mustescape.
//
// +mustescape:local,heap,oops // want `unknown reason "oops" in \+mustescape`
func MustUnknown() *T {
	return &T{}
}
