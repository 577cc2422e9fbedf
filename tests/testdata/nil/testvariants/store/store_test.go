package store

import "testing"

func TestBuild(t *testing.T) {
	ix, err := Build([]string{"a", ""})
	if err == nil || len(ix.Names) != 1 {
		t.Fatal(ix, err)
	}
}
