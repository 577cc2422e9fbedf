package testevidence

import "testing"

func TestFileOutside(t *testing.T) {
	s := &FileSet{files: []*File{{name: "a.go", base: 1, lines: []int{0, 10}}}}
	if f := s.File(100); f != nil {
		t.Errorf("File(100) = %v, want nil", f)
	}
	if f := s.File(1); f == nil {
		t.Fatal("File(1) = nil")
	}
}
