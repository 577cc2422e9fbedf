// Package use calls into lib: escapes are found across packages.
package use

import "vigil.test/escape/crosspkg/lib"

// Alloc reaches lib.NewNode's allocation.
//
// +checkescape:heap
func Alloc() *lib.Node {
	return lib.NewNode() // want `^heap: &Node\{\} escapes to heap\n.*lib\.go:\d+:\d+: → lib\.NewNode \(lib\.go:\d+\)`
}

// Count calls a clean function in lib.
//
// +checkescape:hard
func Count(n *lib.Node) int {
	return lib.Walk(n)
}

// Inlined: lib.Small is inlined here; the compiler reports the allocation at this call.
//
// +checkescape:heap
func Inlined(v int) *lib.Node {
	return lib.Small(v) // want `^heap: &lib\.Node\{\} escapes to heap\n.*lib\.go:\d+:\d+: → lib\.Small \(lib\.go:\d+, inlined\)`
}

// InlinedLocal: with local, the inlined callee's allocation is not this body's own.
//
// +checkescape:local,heap
func InlinedLocal(v int) *lib.Node {
	return lib.Small(v)
}

// InlinedGone: inlined, the result does not escape, so the allocation is gone.
//
// +checkescape:heap
func InlinedGone(v int) bool {
	return lib.Small(v) != nil
}

// Deep reaches an allocation two packages away, in a package use does not import.
//
// +checkescape:heap
func Deep(a, b int) int {
	return lib.Total(a, b) // want `^heap: &Rec\{\.\.\.\} escapes to heap\n.*lib\.go:\d+:\d+: → lib\.Total \(lib\.go:\d+\)\n.*deep\.go:\d+:\d+: → deep\.Record \(deep\.go:\d+\)`
}
