package cfg

import "testing"

func TestFatal(t *testing.T) {
	if Switch(1) != "small" {
		t.Fatalf("got %q", Switch(1))
	}
	if RangeInt(0) != 3 {
		t.Skip("skipped")
	}
	t.Log("done")
}
