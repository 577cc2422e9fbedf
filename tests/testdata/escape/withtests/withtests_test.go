package withtests

import "testing"

// helper is in a test file: the compiled package does not contain it, so its promise is not checked.
//
// +checkescape
func helper(a int) *T { return &T{A: a} }

func TestNew(t *testing.T) {
	if New(1).A != helper(1).A {
		t.Fatal("differ")
	}
}
