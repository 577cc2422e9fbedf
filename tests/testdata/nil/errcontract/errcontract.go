// Package errcontract: the (value, error) contract.
package errcontract

import (
	"errors"
	"os"
	"strconv"
)

type Conf struct{ Name string }

var errBad = errors.New("bad")

// load returns a nil *Conf only together with an error.
func load(s string) (*Conf, error) {
	if s == "" {
		return nil, errBad
	}
	return &Conf{Name: s}, nil
}

// lookup returns nil, nil when the key is absent: callers must check the value too.
func lookup(s string) (*Conf, error) {
	if s == "?" {
		return nil, errBad
	}
	if s == "" {
		return nil, nil
	}
	return &Conf{Name: s}, nil
}

func Checked(s string) string {
	c, err := load(s)
	if err != nil {
		return ""
	}
	return c.Name // ok
}

func CheckedEqual(s string) string {
	c, err := load(s)
	if err == nil {
		return c.Name // ok
	}
	return ""
}

func Unchecked(s string) string {
	c, err := load(s)
	_ = err
	return c.Name // want `(?s)nil panic: c may be nil .*nil returned from errcontract.load`
}

func UsedBeforeCheck(s string) string {
	c, err := load(s)
	name := c.Name // want `(?s)nil panic: c may be nil`
	if err != nil {
		return ""
	}
	return name
}

func UsedInErrorBranch(s string) string {
	c, err := load(s)
	if err != nil {
		return c.Name // want `(?s)nil panic: c may be nil`
	}
	return c.Name // ok
}

func ErrorDiscarded(s string) string {
	c, _ := load(s)
	return c.Name // want `c may be nil here`: the error is thrown away, and with it the only sign that c is nil
}

func NilNil(s string) string {
	c, err := lookup(s)
	if err != nil {
		return ""
	}
	return c.Name // want `(?s)nil panic: c may be nil .*lookup`
}

func NilNilChecked(s string) string {
	c, err := lookup(s)
	if err != nil || c == nil {
		return ""
	}
	return c.Name // ok
}

func Shadowed(s string) string {
	c, err := load(s)
	if err != nil {
		return ""
	}
	d, err := load(s + "x")
	if err != nil {
		return c.Name // ok: c was checked
	}
	return d.Name // ok
}

func ErrorOverwritten(s string) string {
	c, err := load(s)
	d, err := load(s)
	if err != nil {
		return ""
	}
	return c.Name + d.Name // want `(?s)nil panic: c may be nil`
}

func Propagate(s string) (*Conf, error) {
	c, err := load(s)
	if err != nil {
		return nil, err
	}
	return c, nil
}

func ThroughPropagate(s string) string {
	c, err := Propagate(s)
	if err != nil {
		return ""
	}
	return c.Name // ok
}

func ThroughPropagateUnchecked(s string) string {
	c, err := Propagate(s)
	println(err)
	return c.Name // want `(?s)nil panic: c may be nil`
}

func StdOpen(name string) string {
	f, err := os.Open(name)
	if err != nil {
		return ""
	}
	defer f.Close()
	return f.Name() // ok
}

func StdAtoi(s string) int {
	n, err := strconv.Atoi(s)
	if err != nil {
		return 0
	}
	return n // ok: not a pointer
}

func StdOpenUnchecked(name string) int {
	f, err := os.Open(name)
	println(err)
	st, _ := f.Stat()
	return int(st.Size()) // ok: Stat's error is discarded
}

func ReturnedPair(s string) (*Conf, error) {
	return load(s)
}

func ThroughReturnedPair(s string) string {
	c, err := ReturnedPair(s)
	if err != nil {
		return ""
	}
	return c.Name // ok
}

func NamedResults(s string) (c *Conf, err error) {
	if s == "" {
		err = errBad
		return
	}
	c = &Conf{Name: s}
	return
}

func ThroughNamed(s string) string {
	c, err := NamedResults(s)
	if err != nil {
		return ""
	}
	return c.Name // ok
}

func ThroughNamedUnchecked(s string) string {
	c, _ := NamedResults(s)
	return c.Name // want `c may be nil here`
}

func ThroughNamedUncheckedErr(s string) string {
	c, err := NamedResults(s)
	println(err)
	return c.Name // want `(?s)nil panic: c may be nil .*named result c starts as nil`
}

// opaque hides where its result comes from: its nil is not known, only its contract.
var opaque func(string) (*Conf, error)

func loadOpaque(s string) (*Conf, error) { return opaque(s) }

// A nil check of the value on its own does not break the contract: after it,
// err == nil still means the value is set.
func ValueCheckedThenErr(s string, strict bool) string {
	c, err := loadOpaque(s)
	if c != nil {
		defer println(c.Name) // ok
	}
	if strict {
		if err == nil && c.Name != "" { // ok
			return "strict"
		}
		return ""
	}
	if err != nil {
		return ""
	}
	return c.Name // ok
}

// The same check without the error check afterwards: c is nil on the branch that checked it.
func ValueCheckedNoErrCheck(s string) string {
	c, _ := loadOpaque(s)
	if c == nil {
		println("none")
	}
	return c.Name // want `c may be nil`
}

// The value assigned only when a first step succeeded, checked through the
// shared error: on the path where the first step failed, err is known non-nil.
func TwoStepLoop(names []string, gz bool) int {
	var c *Conf
	var err error
	n := 0
	for _, s := range names {
		if gz {
			var t string
			if t, err = strconv.Unquote(s); err == nil {
				c, err = load(t)
			}
		} else {
			c, err = load(s)
		}
		if err != nil {
			continue
		}
		n += len(c.Name) // ok
	}
	return n
}

// nameOf takes a value with its error and uses the value only when the error is nil.
func nameOf(c *Conf, err error) string {
	if err != nil {
		return ""
	}
	return c.Name
}

// The pair is passed on unchecked: nameOf checks the error before the value.
func PassedWithItsError(s string) string {
	c, err := load(s)
	return nameOf(c, err) // ok
}

// firstName dereferences its parameter before any return: a nil argument panics.
func firstName(c *Conf, err error) string {
	n := c.Name
	if err != nil {
		return ""
	}
	return n
}

func PassedToEagerCallee(s string) string {
	c, err := load(s)
	return firstName(c, err) // want `c may be nil here \(passed to errcontract.firstName`
}
