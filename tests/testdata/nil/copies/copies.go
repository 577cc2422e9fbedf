// Package copies: a local that holds the same value as another (`y := x`, or a
// conversion between interface types or pointer types) is nil exactly when the
// other is: a nil check of one says the same of both.
package copies

type Reader interface{ Read() int }

type ReadCloser interface {
	Reader
	Close()
}

func ViaConversion(rc ReadCloser) int {
	r := Reader(rc)
	if r != nil {
		return r.Read()
	}
	rc.Close() // want `nil panic: rc may be nil here \(method Close called on it\)`
	return 0
}

func ViaCopy(rc ReadCloser) {
	other := rc
	if other == nil {
		rc.Close() // want `nil panic: rc may be nil here`
	}
}

func ChainOfConversions(rc ReadCloser) int {
	r := Reader(rc)
	if r != nil {
		return 0
	}
	var e interface{} = r
	return e.(Reader).Read() // want `nil panic: e may be nil here \(type assertion to Reader\)`
}

// ok: the original is checked through its copy.
func CheckedCopy(rc ReadCloser) {
	r := Reader(rc)
	if r == nil {
		return
	}
	rc.Close() // ok
}

// ok: the copy was reassigned before the check: it says nothing of rc.
func Reassigned(rc, fallback ReadCloser) {
	r := Reader(rc)
	r = fallback
	if r == nil {
		rc.Close() // ok
	}
}

// ok: the original was reassigned before the check.
func OriginalReassigned(rc, fallback ReadCloser) {
	r := Reader(rc)
	rc = fallback
	if r == nil {
		rc.Close() // ok
	}
}

type T struct{ n int }

// ok: a pointer stored in an interface is a different value (a nil *T makes a non-nil interface).
func PointerInInterface(p *T) int {
	var i interface{} = p
	if i == nil {
		return 0
	}
	return p.n // ok
}

// A pointer copy: checked through the copy.
func PointerCopy(p *T) int {
	q := p
	if q != nil {
		return q.n
	}
	return p.n // want `nil panic: p may be nil here \(field n accessed\)`
}

// ok: i is never nil (it holds a *T, possibly nil): its == nil branch says nothing of p.
func PointerInInterfaceElse(p *T) int {
	var i interface{} = p
	if i != nil {
		return 0
	}
	return p.n // ok
}
