// Package store has tests of its own: loaded with tests, it is analyzed as its
// test variant ("store [store.test]"), while package client imports the plain
// store. Its callers still read the bodies here.
package store

import "errors"

type Index struct{ Names map[string]int }

// Build never returns a nil Index, even with an error: the error lists the
// entries it skipped (like go/ast.NewPackage).
func Build(names []string) (*Index, error) {
	ix := &Index{Names: map[string]int{}}
	var err error
	for i, n := range names {
		if n == "" {
			err = errors.New("empty name skipped")
			continue
		}
		ix.Names[n] = i
	}
	return ix, err
}

// Open returns nil with its error.
func Open(name string) (*Index, error) {
	if name == "" {
		return nil, errors.New("no name")
	}
	return &Index{Names: map[string]int{name: 0}}, nil
}

type Entry struct{ Pos int }

// Lookup returns nil when the name is not in the index.
func (ix *Index) Lookup(name string) *Entry {
	if p, ok := ix.Names[name]; ok {
		return &Entry{Pos: p}
	}
	return nil
}

// Size dereferences its argument.
func Size(ix *Index) int { return len(ix.Names) }
