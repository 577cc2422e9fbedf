// Package locals: nil sources and dereferences within one function.
package locals

type T struct {
	X    int
	Next *T
}

func (t *T) Get() int { return t.X }

func (t T) Val() int { return t.X }

func DeclaredThenRead() int {
	var p *T
	return p.X // want `(?s)nil panic: p may be nil here \(field X accessed\)`
}

func DeclaredThenStar() T {
	var p *T
	return *p // want `(?s)nil panic: p .*dereferenced`
}

func AssignedNil() int {
	p := &T{}
	p = nil
	return p.X // want `(?s)nil panic: p .*assigned to p`
}

func NilOnOneBranch(c bool) int {
	var p *T
	if c {
		p = &T{X: 1}
	}
	return p.X // want `p may be nil here`: one optional branch assigns it, the use comes after that branch
}

func NilOnOneBranchChecked(c bool) int {
	var p *T
	if c {
		p = &T{X: 1}
	}
	if p == nil {
		println("no p")
	}
	return p.X // want `p may be nil here`
}

func SetOnBothBranches(c bool) int {
	var p *T
	if c {
		p = &T{X: 1}
	} else {
		p = &T{X: 2}
	}
	return p.X // ok: set on every path
}

func CopiedNil() int {
	var p *T
	q := p
	return q.X // want `(?s)nil panic: q .*assigned to q`
}

func MethodWithDerefReceiver() int {
	var p *T
	return p.Get() // want `(?s)nil panic: p .*method Get called on it`
}

func ValueReceiverThroughPointer() int {
	var p *T
	return p.Val() // want `(?s)nil panic: p .*value receiver`
}

func NilFuncValue() int {
	var f func() int
	return f() // want `(?s)nil panic: f .*nil function called`
}

func NilFuncChecked() int {
	var f func() int
	if f != nil {
		return f() // ok: checked
	}
	return 0
}

func NilInterface() string {
	var s interface{ String() string }
	return s.String() // want `(?s)nil panic: s .*method String called on it`
}

func NilMapWrite() {
	var m map[string]int
	m["a"] = 1 // want `(?s)nil panic: m .*assignment to entry in nil map`
}

func MadeMapWrite() {
	m := map[string]int{}
	m["a"] = 1 // ok: made
	var n map[string]int
	n = make(map[string]int)
	n["b"] = 2 // ok: made
}

func NilMapRead() int {
	var m map[string]int
	return m["a"] // ok: reading a nil map gives the zero value
}

func CloseNilChan() {
	var ch chan int
	close(ch) // want `(?s)nil panic: ch .*close of nil channel`
}

func PointerToArray() int {
	var a *[4]int
	return a[1] // want `(?s)nil panic: a .*index of nil pointer to array`
}

func RangePointerToArray() int {
	var a *[4]int
	n := 0
	for i := range a { // ok: ranging over a nil *[N]T with only the index does not dereference
		n += i
	}
	for _, v := range a { // want `(?s)nil panic: a .*range over nil pointer to array`
		n += v
	}
	return n
}

func ReassignedBeforeUse() int {
	var p *T
	p = new(T)
	return p.X // ok
}

func AddressOfLocal() int {
	var p *T
	set(&p)
	return p.X // ok: p's address escapes, anything may have set it
}

func set(pp **T) { *pp = &T{} }

func DerefOnceReportOnce() int {
	var p *T
	a := p.X // want `(?s)nil panic: p may be nil`
	b := p.X // ok: reported once; after the first use p is non-nil on surviving paths
	return a + b
}

func IncDec() {
	var p *T
	p.X++ // want `(?s)nil panic: p .*field X accessed`
}

func StoreThroughNil() {
	var p *T
	p.X = 3 // want `(?s)nil panic: p .*field X accessed`
}

func StarAssign() {
	var p *int
	*p = 3 // want `(?s)nil panic: p .*dereferenced`
}

func ParenthesizedNil() int {
	var p *T
	return (p).X // want `(?s)nil panic: \(p\) may be nil`
}

func SliceOps() int {
	var s []int
	s = append(s, 1) // ok: append to nil slice
	var t []int
	n := len(t) + cap(t) // ok
	for range t {        // ok
		n++
	}
	_ = t[:0] // ok: slicing is a bounds question
	return n + s[0]
}

func IndexNilSlice() int {
	var s []int
	return s[0] // ok: indexing a nil slice is a bounds question, not reported
}

func SwappedVars() int {
	var a *T
	b := &T{}
	a, b = b, a
	return a.X + b.X // ok: a variable assigned later and never checked is presumed set (a known false negative)
}

func LoopAssign(xs []int) int {
	var last *T
	for _, x := range xs {
		last = &T{X: x}
	}
	return last.X // ok: search loops are presumed to find (no nil check anywhere)
}

func LoopAssignChecked(xs []int) int {
	var last *T
	for _, x := range xs {
		last = &T{X: x}
	}
	if last == nil {
		return 0
	}
	return last.X // ok
}
