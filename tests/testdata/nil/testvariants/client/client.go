// Package client calls package store, which has tests of its own (see store.go).
package client

import "vigil.test/nil/testvariants/store"

func Count(names []string) int {
	ix, _ := store.Build(names)
	return len(ix.Names) // ok: Build never returns nil (its body is read through the test variant)
}

func CountOpened(name string) int {
	ix, _ := store.Open(name)
	return len(ix.Names) // want `ix may be nil here`
}

func Position(ix *store.Index, name string) int {
	return ix.Lookup(name).Pos // want `(?s)ix.Lookup\(…\) may be nil here.*nil returned from \(\*store.Index\).Lookup`
}

func PositionChecked(ix *store.Index, name string) int {
	if e := ix.Lookup(name); e != nil {
		return e.Pos // ok: checked
	}
	return -1
}

func SizeOfOpened(name string) int {
	ix, err := store.Open(name)
	if err != nil {
		return store.Size(ix) // want `ix may be nil here \(passed to store.Size, which dereferences it\)`
	}
	return store.Size(ix) // ok: err == nil
}
