// Package downcasts: a type descriptor's methods that return the receiver viewed as a more
// specific type through unsafe.Pointer when its kind tag matches, and nil otherwise (like
// internal/abi's MapType, StructType, Elem). The caller knows the kind from elsewhere: a
// static type, its own caller's switch, a check that panics. Buggy twins: a view of the
// receiver's data after a length check (a short buffer, not a kind), a getter that reads a
// field instead of reinterpreting the receiver, a downcast whose condition reads a global.
package downcasts

import "unsafe"

type Kind uint8

const (
	Invalid Kind = iota
	Struct
	Array
	Map
)

const flagExtra = 1

type Type struct {
	Size  uintptr
	flags uint8
	kind  Kind
}

type StructType struct {
	Type
	Fields []Field
}

type Field struct {
	Name string
	Typ  *Type
}

type ArrayType struct {
	Type
	Elem *Type
	Len  uintptr
}

type MapType struct {
	Type
	Key, Elem *Type
	Hasher    func(unsafe.Pointer, uintptr) uintptr
}

type Extra struct{ Methods int }

func (t *Type) Kind() Kind { return t.kind }

// StructType returns t cast to a *StructType, or nil if its kind does not match.
func (t *Type) StructType() *StructType {
	if t.Kind() != Struct {
		return nil
	}
	return (*StructType)(unsafe.Pointer(t))
}

// MapType returns t cast to a *MapType, or nil if its kind does not match.
func (t *Type) MapType() *MapType {
	if t.kind != Map {
		return nil
	}
	return (*MapType)(unsafe.Pointer(t))
}

// ElemOf returns the element type of an array or map type, otherwise nil.
func (t *Type) ElemOf() *Type {
	switch t.Kind() {
	case Array:
		at := (*ArrayType)(unsafe.Pointer(t))
		return at.Elem
	case Map:
		return (*MapType)(unsafe.Pointer(t)).Elem
	}
	return nil
}

// Extra returns the trailing data of a type that has it (its flag says so), otherwise nil.
func (t *Type) Extra() *Extra {
	if t.flags&flagExtra == 0 {
		return nil
	}
	type withExtra struct {
		StructType
		x Extra
	}
	return &(*withExtra)(unsafe.Pointer(t)).x
}

// ---- safe: the caller knows the kind ----

func hasherOf(t *Type) func(unsafe.Pointer, uintptr) uintptr {
	mt := t.MapType() // t is the descriptor of a map variable's static type
	return mt.Hasher  // ok
}

// buildStruct is called for struct types only: its caller switches on the kind.
func buildStruct(t *Type, offsets []uintptr) []uintptr {
	st := t.StructType()
	for _, f := range st.Fields { // ok
		offsets = append(offsets, f.Typ.Size)
	}
	return offsets
}

func build(t *Type) []uintptr {
	switch t.Kind() {
	case Struct:
		return buildStruct(t, nil)
	}
	return nil
}

func mustBe(t *Type, k Kind) {
	if t.Kind() != k {
		panic("wrong kind")
	}
}

func elemSize(t *Type) uintptr {
	mustBe(t, Array)
	return t.ElemOf().Size // ok: mustBe panics for other kinds
}

func methodCount(t *Type) int {
	return t.Extra().Methods // ok: the descriptors that reach here carry the flag
}

// ---- buggy twins ----

type Buffer struct{ data []byte }

type header struct{ Len, Kind uint32 }

// Header views the first bytes of the buffer, or nil when it is too short: the data's length,
// not a kind of the receiver.
func (b *Buffer) Header() *header {
	if len(b.data) < 8 {
		return nil
	}
	return (*header)(unsafe.Pointer(&b.data[0]))
}

func frameLen(b *Buffer) uint32 {
	return b.Header().Len // want `b.Header\(\) may be nil here`
}

type Node struct {
	kind Kind
	st   *StructType
}

// AsStruct returns the node's struct type, or nil for another kind. It reads a field: no view
// of the receiver.
func (n *Node) AsStruct() *StructType {
	if n.kind != Struct {
		return nil
	}
	return n.st
}

func fieldCount(n *Node) int {
	return len(n.AsStruct().Fields) // want `n.AsStruct\(\) may be nil here`
}

var strict bool

// Checked returns t as an array type, or nil in strict mode for another kind: a global switch,
// not the receiver alone, decides.
func (t *Type) Checked() *ArrayType {
	if strict && t.kind != Array {
		return nil
	}
	return (*ArrayType)(unsafe.Pointer(t))
}

func arrayLen(t *Type) uintptr {
	return t.Checked().Len // want `t.Checked\(\) may be nil here`
}

// ---- callers that check: the nil answers are part of each method's contract ----

func describe(t *Type, b *Buffer, n *Node) int {
	c := 0
	if t.StructType() != nil {
		c++
	}
	if t.MapType() != nil {
		c++
	}
	if t.ElemOf() != nil {
		c++
	}
	if t.Extra() != nil {
		c++
	}
	if b.Header() != nil {
		c++
	}
	if n.AsStruct() != nil {
		c++
	}
	if t.Checked() != nil {
		c++
	}
	return c
}
