package withtests

import "testing"

// helper is in a test file: the compiler builds it into the package's test
// variant, so its promise is checked like any other.
//
// +checkescape
func helper(a int) *T { return &T{A: a} } // want `^heap: &T\{\.\.\.\} escapes to heap`

// sum keeps its promise: nothing escapes.
//
// +checkescape:all
func sum(xs []int) int {
	s := 0
	for _, x := range xs {
		s += x
	}
	return s
}

// viaPackage reaches the package's own allocation through a call.
//
// +checkescape:heap
func viaPackage(a int) *T {
	return New(a) // want `^heap: &T\{\.\.\.\} escapes to heap`
}

// exempted allocates on an exempted line of a test file.
//
// +checkescape:hard
func exempted(a int) *T {
	return &T{A: a} // escapes: test fixture
}

// mustInTest promises an allocation it does not make.
//
// +mustescape:local,heap
func mustInTest(a int) int { // want `^\+mustescape:local,heap not met`
	t := T{A: a}
	return t.A + sum(nil)
}

func TestNew(t *testing.T) {
	if New(1).A != helper(1).A || sum([]int{1}) != 1 || viaPackage(1).A != 1 || exempted(1).A != 1 || mustInTest(1) != 1 {
		t.Fatal("differ")
	}
}

// unusedExemption: an exemption in a test file that matches nothing is reported like any other.
func unusedExemption(a int) int {
	return a + 1 // escapes: nothing here // want `^exemption matches no escape`
}

func TestUnused(t *testing.T) {
	if unusedExemption(1) != 2 {
		t.Fatal("bad")
	}
}
