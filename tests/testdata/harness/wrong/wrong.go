// Package wrong disagrees with its wants on purpose: the harness must say so.
package wrong

func bad() int { return 0 }

func Use() int {
	x := bad()
	y := 1 // want "call to bad"
	return x + y
}
