// Package argumentfailures: `v, _ := f(x)` where f fails only for an invalid argument
// (`if len(key) != 24 { return nil, KeySizeError(len(key)) }`, a switch on the key's length,
// or a `return g(key)` of such a function). An unexported caller that passes its own
// parameter on states the precondition for its callers, like a cipher constructor called
// from a suite table with keys of the right size. Buggy twins: an exported caller (users
// may pass anything), an argument the caller computed itself, a callee that fails on its
// state (a missing key), on a nested call's error, or inside a loop.
package argumentfailures

import (
	"errors"
	"io"
	"strconv"
)

type KeySizeError int

func (k KeySizeError) Error() string { return "invalid key size " + strconv.Itoa(int(k)) }

type block struct{ key []byte }

// newTripleBlock fails only for a key that is not 24 bytes.
func newTripleBlock(key []byte) (*block, error) {
	if len(key) != 24 {
		return nil, KeySizeError(len(key))
	}
	return &block{key: key}, nil
}

// newBlock fails only for a key of another size than 16, 24 or 32 bytes, in itself or in
// what it forwards to.
func newBlock(key []byte) (*block, error) {
	k := len(key)
	switch k {
	default:
		return nil, KeySizeError(k)
	case 16, 24, 32:
	}
	if k == 24 {
		return newTripleBlock(key)
	}
	return newGenericBlock(key)
}

func newGenericBlock(key []byte) (*block, error) {
	return &block{key: key}, nil
}

// ---- safe: an unexported caller passes its own parameter on ----

func cipherTriple(key []byte, isRead bool) int {
	b, _ := newTripleBlock(key)
	if isRead {
		return len(b.key) + 1 // ok: the suite table below gives 24-byte keys
	}
	return len(b.key) // ok
}

func cipherAny(key []byte) int {
	b, _ := newBlock(key)
	return len(b.key) // ok: forwarded failures are argument checks too
}

func cipherSlice(secret []byte, n int) int {
	b, _ := newTripleBlock(secret[:n]) // a slice of a parameter is not read by the check: reported below
	return len(b.key)                 // want `b may be nil here`
}

var suites = []struct {
	keyLen int
	cipher func(key []byte) int
}{
	{24, func(key []byte) int { return cipherTriple(key, false) }},
	{16, cipherAny},
}

// ---- buggy twins ----

// CipherFor is exported: a user may pass a key of any size.
func CipherFor(key []byte) int {
	b, _ := newTripleBlock(key)
	return len(b.key) // want `b may be nil here`
}

func cipherFromReader(r io.Reader) int {
	key := readKey(r)
	b, _ := newTripleBlock(key) // the key is whatever the reader gave
	return len(b.key)          // want `b may be nil here`
}

func readKey(r io.Reader) []byte {
	buf := make([]byte, 24)
	n, _ := r.Read(buf)
	return buf[:n]
}

type entry struct{ n int }

type store struct{ m map[string]*entry }

// get fails when the name is missing: the store's state, not the argument, decides.
func (s *store) get(name string) (*entry, error) {
	if len(name) == 0 {
		return nil, errors.New("empty name")
	}
	e, ok := s.m[name]
	if !ok {
		return nil, errors.New("no entry " + name)
	}
	return e, nil
}

func countOf(s *store, name string) int {
	e, _ := s.get(name)
	return e.n // want `e may be nil here`
}

// parseBlock fails when the nested parse fails, whatever the key's size.
func parseBlock(text string) (*block, error) {
	key, err := decode(text)
	if err != nil {
		return nil, err
	}
	return &block{key: key}, nil
}

func decode(text string) ([]byte, error) {
	if len(text)%2 != 0 {
		return nil, errors.New("odd length")
	}
	return []byte(text), nil
}

func blockOf(text string) int {
	b, _ := parseBlock(text)
	return len(b.key) // want `b may be nil here`
}

// checkedBytes fails for a zero byte anywhere: a loop over the content, not a size check.
func checkedBytes(key []byte) (*block, error) {
	for _, c := range key {
		if c == 0 {
			return nil, errors.New("zero byte")
		}
	}
	return &block{key: key}, nil
}

func blockNoZero(key []byte) int {
	b, _ := checkedBytes(key)
	return len(b.key) // want `b may be nil here`
}
