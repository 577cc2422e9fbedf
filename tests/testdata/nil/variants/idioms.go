package variants

import (
	"errors"
	"testing"
)

type List struct {
	head *elem
	n    int
}

type elem struct {
	val  int
	next *elem
}

// Len handles a nil list.
func (l *List) Len() int {
	if l == nil {
		return 0
	}
	return l.n
}

// Front returns the first element, or nil for an empty list.
func (l *List) Front() *elem {
	if l == nil || l.head == nil {
		return nil
	}
	return l.head
}

func (e *elem) Val() int { return e.val }

func NilList() int     { var l *List; return l.Len() }                 // ok: Len handles nil
func NilListHead() int { var l *List; return l.head.val }              // want `(?s)nil panic: l may be nil.*field head accessed`
// First returns the first element, or nil for an empty list.
func (l *List) First() *elem {
	if l.head == nil {
		return nil
	}
	return l.head
}

func FrontVal(l *List) int { return l.Front().val } // ok: a nil joined with "the receiver was nil" is taken as nil in, nil out (known false negative)
func FirstVal(l *List) int { return l.First().val } // want `(?s)nil panic: l.First\(\) may be nil`
func FirstMethod(l *List) int { return l.First().Val() } // want `(?s)nil panic: l.First\(\) may be nil.*method Val called on it.*receiver e: field val accessed`
func FirstChecked(l *List) int {
	if l.First() == nil {
		return 0
	}
	return 1
}
func FrontChecked(l *List) int {
	if e := l.Front(); e != nil {
		return e.Val() // ok
	}
	return 0
}
func FrontLoop(l *List) int {
	total := 0
	for e := l.Front(); e != nil; e = e.next {
		total += e.val // ok
	}
	return total
}

func mustFront(l *List) *elem {
	e := l.Front()
	if e == nil {
		panic("empty list")
	}
	return e
}

func MustFront(l *List) int { return mustFront(l).val } // ok: mustFront panics instead

func requireNoError(t *testing.T, err error) {
	if err != nil {
		t.Fatal(err)
	}
}

var errEmpty = errors.New("empty")

// frontOrErr returns nil and errEmpty for an empty list.
func frontOrErr(l *List) (*elem, error) {
	if e := l.Front(); e != nil {
		return e, nil
	}
	return nil, errEmpty
}

func HelperStops(t *testing.T, l *List) int {
	e, err := frontOrErr(l)
	requireNoError(t, err)
	return e.val // ok: the helper stops the test on error
}

func LogDoesNotStop(t *testing.T, l *List) int {
	e, err := frontOrErr(l)
	if err != nil {
		t.Log(err)
	}
	return e.val // want `(?s)nil panic: e may be nil.*frontOrErr`
}

// ErrorMarksTheTestFailed: t.Error returns, but only in a test that has failed already;
// a passing test never takes the branch, so the dereference after it is not followed.
func ErrorMarksTheTestFailed(t *testing.T, l *List) int {
	e, err := frontOrErr(l)
	if err != nil {
		t.Error(err)
	}
	return e.val // ok: the nil path went through t.Error
}

func FatalStops(t *testing.T, l *List) int {
	e, err := frontOrErr(l)
	if err != nil {
		t.Fatalf("front: %v", err)
	}
	return e.val // ok: t.Fatalf does not return
}

func SkipStops(t *testing.T, l *List) int {
	e := l.Front()
	if e == nil {
		t.Skip("empty")
	}
	return e.val // ok
}

func ErrorfMarksFailed(t *testing.T, l *List) int {
	e := l.Front()
	if e == nil {
		t.Errorf("empty")
	}
	return e.val // ok: the nil path went through t.Errorf (the test has failed already)
}

func DerefInFailureMessage(t *testing.T, l *List) {
	if e := l.Front(); e == nil || e.val != 1 {
		t.Fatalf("front: %d", e.val) // ok: the message runs only in a test that has failed
	}
}

func DerefInLogMessage(t *testing.T, l *List) {
	if e := l.Front(); e == nil || e.val != 1 {
		t.Logf("front: %d", e.val) // want `(?s)nil panic: e may be nil`
	}
}

func LogfContinues(t *testing.T, l *List) int {
	e := l.Front()
	if e == nil {
		t.Logf("empty")
	}
	return e.val // want `(?s)nil panic: e may be nil`
}

func AssertOkErrorf(t *testing.T, v any) int {
	l, ok := v.(*List)
	if !ok {
		t.Errorf("not a list: %T", v)
	}
	return l.n // ok: the nil path went through t.Errorf
}

func AssertOkLogged(t *testing.T, v any) int {
	l, ok := v.(*List)
	if !ok {
		t.Logf("not a list: %T", v)
	}
	return l.n // want `(?s)nil panic: l may be nil.*assertion fails`
}

func PanicsIsFine(l *List) int {
	if l == nil {
		panic("nil list")
	}
	return l.n // ok
}

func RecvNilMethod() int {
	var e *elem
	return e.Val() // want `(?s)nil panic: e may be nil.*method Val called on it`
}

func NilInSlice() int {
	es := []*elem{nil}
	return es[0].val // ok: elements of slices are not tracked
}

func AppendToNil() int {
	var xs []*elem
	xs = append(xs, &elem{})
	return len(xs) // ok
}

func NilMapReadOk() int {
	var m map[string]*elem
	if e, ok := m["a"]; ok {
		return e.val // ok
	}
	return 0
}

func NilMapWriteInLoop(keys []string) map[string]int {
	var m map[string]int
	for i, k := range keys {
		m[k] = i // want `(?s)nil panic: m may be nil.*assignment to entry in nil map`
	}
	return m
}

func NilMapMadeInLoop(keys []string) map[string]int {
	var m map[string]int
	for i, k := range keys {
		if m == nil {
			m = make(map[string]int)
		}
		m[k] = i // ok
	}
	return m
}
