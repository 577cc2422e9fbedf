// Package ok marks every call to bad with a want comment.
package ok

func bad() int { return 0 }

func Use() int {
	x := bad() // want "call to bad"
	y := bad() + bad() // want "call to bad" `call to bad`
	return x + y
}
