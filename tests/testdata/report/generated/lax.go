// This file was produced by a code generator; do not edit it by hand.

package generated

func Lax() {
	bad() // reported unless generated: lax
}
