// Package formats holds marked calls for the output format goldens: calls
// to bad (the test check vigil-bad) and racy inside goroutines (vigil-pair).
package formats

func bad(args ...any) {}

func racy(p *int) { *p++ }

// Greet's finding follows non-ASCII text on its line, so SARIF's UTF-16
// columns differ from Go's byte columns.
func Greet() {
	s := "héllo wörld, 世界"; bad(s)
}

type Counter struct{ n int }

func (c *Counter) Inc() {
	bad(c.n)
}

func Spawn() int {
	n := 0
	go func() {
		racy(&n)
	}()
	n++
	return n
}
