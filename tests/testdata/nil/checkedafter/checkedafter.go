// Package checkedafter: pointers dereferenced before a nil check of the same
// variable (the check says nil is expected there), and the cases that are not.
package checkedafter

type Conn struct {
	Addr string
	n    int
}

func Describe(c *Conn) string {
	addr := c.Addr // want `nil panic: c may be nil here \(field Addr accessed\).*checked for nil after`
	if c == nil {
		return "no connection"
	}
	return addr
}

func Bump(p *int) {
	*p++ // want `nil panic: p may be nil here`
	if p != nil {
		println(*p)
	}
}

// Checked first: fine.
func Safe(c *Conn) string {
	if c == nil {
		return ""
	}
	return c.Addr // ok
}

// Reassigned between the dereference and the check: another value is checked.
func Next(c *Conn, others []*Conn) int {
	n := c.n // ok
	c = nil
	if len(others) > 0 {
		c = others[0]
	}
	if c == nil {
		return n
	}
	return n + c.n
}

// The dereference is in one branch only: it does not always run before the check.
func Branch(c *Conn, use bool) int {
	n := 0
	if use {
		n = c.n // ok
	}
	if c != nil {
		n++
	}
	return n
}

// A check that changes nothing, ending the function: not evidence.
func Tail(c *Conn) {
	println(c.n) // ok
	if c != nil {
		return
	}
}

// A closure reassigns the variable.
func Closure(c *Conn, pick func() *Conn) int {
	n := c.n // ok
	func() { c = pick() }()
	if c == nil {
		return n
	}
	return c.n
}

const debug = false

// An assertion after the use is no evidence that nil is expected.
func Assert(c *Conn) int {
	n := c.n // ok
	if c == nil {
		panic("nil conn")
	}
	if debug {
		if c == nil {
			println("unreachable")
		}
	}
	return n
}

// The dereference runs only when ok: it does not always precede the check.
func ShortCircuit(c *Conn, ok bool) bool {
	if (c.n > 0) != (ok && c.Addr != "") { // want `nil panic: c may be nil here \(field n accessed\)`
		return false
	}
	if c != nil {
		return true
	}
	return false
}

func Guarded(m map[string]*Conn, k string) bool {
	c, ok := m[k]
	if (k == "") != (ok && c.Addr != "") { // ok
		return false
	}
	if c != nil {
		return true
	}
	return false
}

// ---- a method that dereferences its receiver, called before the check; a default given in the nil branch ----

type version struct{ levels []int }

func (v *version) fillRecord(r *[]int) { *r = append(*r, v.levels...) }

func (v *version) describe() string {
	if v == nil {
		return "no version"
	}
	return "version"
}

type session struct {
	current *version
	log     []int
}

func (s *session) createManifest(fail bool, v *version) error {
	if fail {
		return nil
	}
	var rec []int
	v.fillRecord(&rec) // want `v may be nil here \(method fillRecord called on it, which dereferences it\)`
	if v == nil {
		v = s.current
	}
	s.log = append(rec, v.levels...)
	return nil
}

func (s *session) createManifestFixed(fail bool, v *version) error {
	if fail {
		return nil
	}
	if v == nil {
		v = s.current
	}
	var rec []int
	v.fillRecord(&rec) // ok: defaulted first
	s.log = rec
	return nil
}

func (s *session) name(v *version) string {
	d := v.describe() // ok: describe handles a nil receiver
	if v == nil {
		v = s.current
	}
	return d
}

func (s *session) switched(v *version) int {
	n := len(v.levels) // ok: reassigned outside the check's nil branch: the check may test the new value
	v = s.current
	if v == nil {
		return n
	}
	return n + 1
}
