// Package flow: refinement by nil checks, early exits, loops and switches.
package flow

type Node struct {
	Val  int
	Next *Node
}

// find returns the node holding v, or nil.
func find(n *Node, v int) *Node {
	for ; n != nil; n = n.Next {
		if n.Val == v {
			return n
		}
	}
	return nil
}

func EarlyReturn(n *Node) int {
	m := find(n, 3)
	if m == nil {
		return 0
	}
	return m.Val // ok
}

func NoCheck(n *Node) int {
	m := find(n, 3)
	return m.Val // want `(?s)nil panic: m .*nil returned from flow.find`
}

func CheckedInCondition(n *Node) bool {
	m := find(n, 3)
	return m != nil && m.Val > 0 // ok
}

func CheckedOr(n *Node) bool {
	m := find(n, 3)
	return m == nil || m.Val > 0 // ok
}

func WrongOr(n *Node) bool {
	m := find(n, 3)
	return m != nil || m.Val > 0 // want `(?s)nil panic: m may be nil`
}

func WrongAnd(n *Node) bool {
	m := find(n, 3)
	return m == nil && m.Val > 0 // want `(?s)nil panic: m may be nil`
}

func InsideNilBranch(n *Node) int {
	if n == nil {
		return n.Val // want `(?s)nil panic: n .*compared with nil`
	}
	return n.Val // ok
}

func ElseBranch(n *Node) int {
	m := find(n, 1)
	if m != nil {
		return m.Val // ok
	} else {
		return m.Next.Val // want `(?s)nil panic: m may be nil`
	}
}

func Negated(n *Node) int {
	m := find(n, 1)
	if !(m != nil) {
		return -1
	}
	return m.Val // ok
}

func ContinueSkips(ns []*Node) int {
	sum := 0
	for _, n := range ns {
		m := find(n, 2)
		if m == nil {
			continue
		}
		sum += m.Val // ok
	}
	return sum
}

func BreakSkips(ns []*Node) int {
	var found *Node
	for _, n := range ns {
		found = find(n, 2)
		if found == nil {
			break
		}
		_ = found.Val // ok
	}
	return found.Val // want `(?s)nil panic: found may be nil`
}

func SwitchCase(n *Node) int {
	m := find(n, 1)
	switch {
	case m == nil:
		return 0
	case m.Val > 10: // ok: the first case excluded nil
		return 1
	}
	return m.Val // ok
}

func SwitchDefaultNil(n *Node) int {
	m := find(n, 1)
	switch {
	case m != nil:
		return m.Val // ok
	default:
		return m.Val // want `(?s)nil panic: m may be nil`
	}
}

func PanicOnNil(n *Node) int {
	m := find(n, 1)
	if m == nil {
		panic("missing")
	}
	return m.Val // ok
}

func AssignedInBothBranches(n *Node) int {
	m := find(n, 1)
	if m == nil {
		m = &Node{}
	}
	return m.Val // ok
}

func ReassignedToNilInLoop(n *Node) int {
	m := &Node{}
	total := 0
	for i := 0; i < 3; i++ {
		total += m.Val // want `(?s)nil panic: m may be nil`
		m = find(n, i)
	}
	return total
}

func ForCondCheck(n *Node) int {
	total := 0
	for m := find(n, 0); m != nil; m = m.Next {
		total += m.Val // ok
	}
	return total
}

func InfiniteLoopBreak(n *Node) int {
	var m *Node
	for {
		m = find(n, 4)
		if m != nil {
			break
		}
	}
	return m.Val // ok: only leaves the loop with m non-nil
}

func LabeledContinue(grid [][]*Node) int {
	total := 0
outer:
	for _, row := range grid {
		for _, c := range row {
			m := find(c, 1)
			if m == nil {
				continue outer
			}
			total += m.Val // ok
		}
	}
	return total
}

func SelectClause(ch chan int, n *Node) int {
	m := find(n, 1)
	select {
	case <-ch:
		return 0
	default:
		if m == nil {
			return 1
		}
	}
	return m.Val // ok
}

func TypeSwitch(v any, n *Node) int {
	m := find(n, 1)
	switch v.(type) {
	case int:
		return m.Val // want `(?s)nil panic: m may be nil`
	}
	return 0
}

func Goto(n *Node) int {
	m := find(n, 1)
	if m == nil {
		goto done
	}
	return m.Val // ok
done:
	return 0
}

func IfInit(n *Node) int {
	if m := find(n, 1); m != nil {
		return m.Val // ok
	}
	return 0
}

func IfInitWrong(n *Node) int {
	if m := find(n, 1); m == nil {
		return m.Val // want `(?s)nil panic: m may be nil`
	}
	return 0
}

func DoubleCheck(a, b *Node) int {
	x := find(a, 1)
	y := find(b, 1)
	if x == nil || y == nil {
		return 0
	}
	return x.Val + y.Val // ok
}

func Closure(n *Node) func() int {
	m := find(n, 1)
	return func() int {
		return m.Val // ok: captured variables are not tracked inside closures
	}
}

func ClosureLocal() int {
	f := func() int {
		var p *Node
		return p.Val // want `(?s)nil panic: p may be nil`
	}
	return f()
}

func ClosureAssigns(n *Node) int {
	var m *Node
	func() { m = &Node{} }()
	return m.Val // ok: a closure assigns m
}

func DeferredUse(n *Node) {
	m := find(n, 1)
	defer func() {
		_ = m // ok
	}()
}

// Allocated when nil and the kind needs it: in the other cases of the switch
// below the kind says it was allocated (a correlation), so nothing is reported.
func AllocWhenNeeded(n *Node, kind int) int {
	if n == nil && kind <= 1 {
		n = new(Node)
	}
	switch kind {
	case 1:
		return n.Val // ok
	}
	return 0
}

// Checked in the first operand of &&, then used unconditionally: nil on the
// false branch of the first operand itself.
func CheckedInAndThenUsed(n *Node, fast bool) int {
	if n != nil && fast {
		return 0
	}
	return n.Val // want `n may be nil here`
}

// A value switch with `case nil`: nil in that case, not nil in the others.
func SwitchCaseNil(n *Node) int {
	switch n {
	case nil:
		return n.Val // want `n may be nil here`
	}
	return n.Val // ok
}

func SwitchCaseNilReturns(n *Node, other *Node) int {
	switch n {
	case nil:
		return 0
	case other:
		return 1
	}
	return n.Val // ok
}

// A map whose entry the condition read is not nil inside it: reading a nil
// map gives the zero value, which the condition rules out.
func CountAgain(k string) int {
	var seen map[string]int
	if seen[k] > 0 {
		seen[k] = 2 // ok
	}
	return len(seen)
}

func WriteNilMap(k string) {
	var m map[string]int
	m[k] = 1 // want `m may be nil here \(assignment to entry in nil map\)`
}

type histograms struct {
	alloc, free *Node
}

// Fields set in a loop over samples, then used: presumed set, like variables
// declared without a value and assigned later.
func FieldsSetInLoop(samples []*Node) int {
	var h histograms
	for _, s := range samples {
		switch s.Val {
		case 1:
			h.alloc = s
		case 2:
			h.free = s
		}
	}
	return h.alloc.Val + h.free.Val // ok
}

// A field never assigned stays a nil source.
func FieldNeverSet() int {
	var h histograms
	return h.alloc.Val // want `h.alloc may be nil here`
}

// goto: the flow along the jump reaches the label (the control-flow graph has the edge).
type gotoT struct{ x int }

func gotoFlow(skip bool) int {
	p := &gotoT{}
	if skip {
		p = nil
		goto use
	}
	p.x = 1
use:
	return p.x // want `nil panic: p may be nil here \(field x accessed\)`
}

func gotoChecked(skip bool) int {
	p := &gotoT{}
	if skip {
		goto use
	}
	p = nil
	return 0
use:
	return p.x // ok: p is set on the only path that jumps here
}
