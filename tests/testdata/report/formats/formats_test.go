package formats

import "testing"

func TestGreet(t *testing.T) {
	bad("from a test")
}
