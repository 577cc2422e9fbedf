// Package alwaysnil: a function that returns nil on every path (a stub, a
// placeholder) gives nil to every caller; one that returns nil on some paths
// only is presumed called where it succeeds, unless its doc or a caller says
// its nil happens.
package alwaysnil

type Entry struct{ Key string }

func stub() *Entry { return nil }

func stubNamed() (e *Entry) {
	return nil
}

// lookup finds the entry for k.
func lookup(k string) *Entry {
	if k == "" {
		return nil
	}
	return &Entry{Key: k}
}

func ReplaceNil(e *Entry) string {
	if e == nil {
		e = stub()
	}
	return e.Key // want `(?s)nil panic: e may be nil here.*nil returned from alwaysnil.stub`
}

func Direct() string {
	return stubNamed().Key // want `nil panic: stubNamed\(\) may be nil here`
}

func Assigned() string {
	e := stub()
	return e.Key // want `nil panic: e may be nil here`
}

// ok: a nil on some paths only, not documented, no caller checks it.
func SomePaths(k string) string {
	e := lookup(k)
	return e.Key // ok
}

// ok: the always-nil result is checked.
func CheckedStub() string {
	if e := stub(); e != nil {
		return e.Key // ok
	}
	return ""
}

var cached *Entry

// ok: a maybe-nil variable returned is not "always nil".
func current() *Entry {
	return cached
}

func Current() string {
	return current().Key // ok
}
