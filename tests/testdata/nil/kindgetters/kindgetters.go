// Package kindgetters: downcast getters return nil for a receiver of another
// kind (`Elem`, `FuncType` of a type descriptor, like internal/abi's). A caller
// that examined the receiver's kind first — an enclosing switch case, the left
// side of `&&`, an early return — knows which kind it has. Buggy twins: no
// check, or a check of another value.
package kindgetters

type Kind uint8

const (
	Invalid Kind = iota
	Array
	Func
	Pointer
)

type FuncType struct{ InCount int }

type Type struct {
	kind Kind
	elem *Type
	fn   *FuncType
	Size int
}

func (t *Type) Kind() Kind { return t.kind }

// Elem returns the element type of an array or pointer type, or nil for other kinds.
func (t *Type) Elem() *Type {
	switch t.kind {
	case Array, Pointer:
		return t.elem
	}
	return nil
}

// FuncType returns t as a function type, or nil if t is not one.
func (t *Type) FuncType() *FuncType {
	if t.kind != Func {
		return nil
	}
	return t.fn
}

func ElemSize(t *Type) int {
	switch t.Kind() {
	case Array, Pointer:
		return t.Elem().Size // ok: the case says t has an element
	}
	return 0
}

func IsArrayPointer(t *Type) bool {
	return t.Kind() == Pointer && t.Elem().Kind() == Array // ok: the left side examined t
}

func Arity(t *Type) int {
	if t.Kind() != Func {
		return -1
	}
	return t.FuncType().InCount // ok: the early return examined t
}

// Value pairs a type with its kind, as reflect.Value does.
type Value struct {
	t    *Type
	flag Kind
}

func (v Value) kind() Kind { return v.flag }
func (v Value) typ() *Type  { return v.t }

func (v Value) ElemSize() int {
	switch v.kind() {
	case Pointer:
		return v.typ().Elem().Size // ok: the switch examined v, whose type this is
	}
	return 0
}

func ArityUnchecked(t *Type) int {
	return t.FuncType().InCount // want `t.FuncType\(\) may be nil here`
}

func ArityOfOther(t, u *Type) int {
	if u.Kind() != Func {
		return -1
	}
	return t.FuncType().InCount // want `t.FuncType\(\) may be nil here`
}

func ElemSizeAfterSwitch(t *Type) int {
	switch t.Kind() {
	case Array:
		return 1
	}
	return t.Elem().Size // want `t.Elem\(\) may be nil here`
}

// Callers that check the getters' nil: evidence that it happens.
func ElemOrSelf(t *Type) *Type {
	if e := t.Elem(); e != nil {
		return e
	}
	return t
}

func InCount(t *Type) int {
	if f := t.FuncType(); f != nil {
		return f.InCount
	}
	return 0
}

func ElemSizeOfKind(t *Type) int {
	k := t.Kind()
	switch k {
	case Pointer:
		return t.Elem().Size // ok: k is t's kind
	}
	return 0
}

func isPointer(t *Type) bool { return t.kind == Pointer }

func ElemSizeIfPointer(t *Type) int {
	if isPointer(t) {
		return t.Elem().Size // ok: the predicate examined t
	}
	return 0
}

func ElemSizeOfOtherKind(t, u *Type) int {
	k := u.Kind()
	switch k {
	case Pointer:
		return t.Elem().Size // want `t.Elem\(\) may be nil here`
	}
	return 0
}

type Command struct {
	disabled bool
	types    map[string]*Type
}

func (c *Command) Types() *Registry { return &Registry{c.types} }

type Registry struct{ m map[string]*Type }

// Lookup returns the named type, or nil if there is none.
func (r *Registry) Lookup(name string) *Type { return r.m[name] }

func (c *Command) Known(name string) bool {
	if t := c.Types().Lookup(name); t != nil {
		return true
	}
	return false
}

func (c *Command) SizeOf(name string) int {
	if c.disabled {
		return 0
	}
	return c.Types().Lookup(name).Size // want `c.Types\(\).Lookup\(…\) may be nil here`
}
