// Package testevidence: a nil check in a test is no evidence that a documented nil result
// happens to the program's callers. Tests assert results (`if f == nil { t.Fatal(…) }`) and
// probe the documented failure with an input built for it (go/token's test asks `File` for a
// position past the last file; go/ast passes positions of the files it parsed). The finding in
// library code then does not depend on whether the tests are loaded. Buggy twin: a function
// whose nil a library caller checks stays reported at the unchecked caller.
package testevidence

type File struct {
	name  string
	base  int
	lines []int
}

type FileSet struct{ files []*File }

// File returns the file that contains the position p, or nil if there is none.
func (s *FileSet) File(p int) *File {
	for _, f := range s.files {
		if f.base <= p && p < f.base+len(f.lines) {
			return f
		}
	}
	return nil
}

// Lookup returns the file named name, or nil if there is none.
func (s *FileSet) Lookup(name string) *File {
	for _, f := range s.files {
		if f.name == name {
			return f
		}
	}
	return nil
}

// MergeLine drops the line after pos: the caller passes a position of a file it parsed.
func MergeLine(s *FileSet, pos int) {
	f := s.File(pos)
	f.lines = f.lines[:len(f.lines)-1] // ok: only the test checks File's nil, with a position built to miss
}

// HasFile reports whether a file of that name was added: library code that handles the nil.
func HasFile(s *FileSet, name string) bool {
	if f := s.Lookup(name); f == nil {
		return false
	}
	return true
}

func LineCount(s *FileSet, name string) int {
	return len(s.Lookup(name).lines) // want `s.Lookup\(…\) may be nil here`
}
