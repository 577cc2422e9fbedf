// Package arrays: a pointer to an array is dereferenced by slicing, indexing,
// loading and storing through it; a slice is not (a nil slice slices and ranges fine).
package arrays

type Block [4]byte

func SliceInElse(b *Block) []byte {
	if b != nil {
		return b[:] // ok
	}
	return b[:] // want `nil panic: b may be nil here \(slice of nil pointer to array\)`
}

func StoreInElse(b *Block) {
	if b != nil {
		*b = Block{} // ok
	} else {
		*b = Block{1} // want `nil panic: b may be nil here \(nil pointer dereferenced\)`
	}
}

func LoadInElse(b *Block) Block {
	if b != nil {
		return *b // ok
	}
	return *b // want `nil panic: b may be nil here \(nil pointer dereferenced\)`
}

func SliceRange(b *Block, lo int) []byte {
	if b == nil {
		return b[lo:2] // want `nil panic: b may be nil here \(slice of nil pointer to array\)`
	}
	return nil
}

// ok: a nil slice slices to a nil slice.
func NilSlice(s []byte) []byte {
	if s == nil {
		return s[:] // ok
	}
	return s[1:]
}

// Only the first use of a nil is reported: the code after it runs only when it did not panic.
func FirstUseOnly(b *Block) byte {
	if b == nil {
		_ = b[:]   // want `nil panic: b may be nil here \(slice of nil pointer to array\)`
		return b[0] // ok
	}
	return b[1]
}
