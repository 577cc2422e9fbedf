package withtests_test

import (
	"testing"

	"vigil.test/escape/withtests"
)

// external is in the external test package: it is compiled with the tests too.
//
// +checkescape:heap
func external(a int) *withtests.T {
	return withtests.New(a) // want `^heap: &withtests\.T\{\.\.\.\} escapes to heap`
}

// boxed is a heap escape of its own.
//
// +checkescape
func boxed(a int) any {
	return a // want `^heap: a escapes to heap`
}

func TestExternal(t *testing.T) {
	if external(2).A != 2 || boxed(1) == nil {
		t.Fatal("bad")
	}
}
