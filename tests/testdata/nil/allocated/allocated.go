// Package allocated: a value just made (new, &v, &T{}, make, a literal) is not nil,
// so the `== nil` branch of a defensive check on it never runs: it must not make
// the value nil after the branches join.
package allocated

type Conf struct{ Name string }

func NewDefensive() int {
	x := new(int)
	if x == nil {
		println("unreachable")
	}
	return *x // ok
}

func AddrDefensive() int {
	var v int
	y := &v
	if y == nil {
		println("unreachable")
	}
	return *y // ok
}

func LiteralDefensive() string {
	c := &Conf{}
	if c == nil {
		println("unreachable")
	}
	return c.Name // ok
}

func MakeDefensive() {
	m := make(map[string]int)
	if m == nil {
		println("unreachable")
	}
	m["a"] = 1 // ok
}

// ok: a nil check on an allocated value stays satisfied past a != nil check.
func CheckedTwice() int {
	x := new(int)
	if x != nil {
		*x = 1
	}
	if x == nil {
		println("unreachable")
	}
	return *x // ok
}

// Assigned nil on one path: the check is no longer defensive.
func Reassigned(drop bool) int {
	x := new(int)
	if drop {
		x = nil
	}
	if x == nil {
		println("no value")
	}
	return *x // want `nil panic: x may be nil here`
}

// The same shape with an unknown value: the check is evidence that it can be nil.
func Unknown(x *int) int {
	if x == nil {
		println("no value")
	}
	return *x // want `nil panic: x may be nil here`
}

// ok: an allocated literal converted to an interface is a non-nil interface.
func AsInterface() string {
	var s interface{ String() string } = &named{}
	if s == nil {
		println("unreachable")
	}
	return s.String() // ok
}

type named struct{}

func (*named) String() string { return "n" }

// ok: dereferenced, then checked defensively: it was never nil.
func DerefThenDefensive() int {
	x := new(int)
	*x = 2
	if x == nil {
		return 0
	}
	return *x // ok
}
