// Package asm: a promise on a function without a Go body cannot be checked, and says so.
package asm

// Add is implemented in assembly.
//
// +checkescape
func Add(a, b int) int // want `cannot check the escape promise of Add: it has no Go body`

// Twice calls the assembly function: a call to code Vigil cannot see is unknown.
//
// +checkescape:unknown
func Twice(a int) int {
	return Add(a, a) // want `^unknown: call to asm\.Add`
}
