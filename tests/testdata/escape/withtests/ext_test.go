package withtests_test

import (
	"testing"

	"vigil.test/escape/withtests"
)

func TestExternal(t *testing.T) {
	if withtests.New(2).A != 2 {
		t.Fatal("bad")
	}
}
