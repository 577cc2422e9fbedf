package variants

import (
	"fmt"
	"io"
	"strings"
)

type Source interface {
	Reader() io.Reader
	Name() string
}

type fileSource struct {
	open bool
	r    *strings.Reader
}

// Reader returns nil when the source is closed.
func (f *fileSource) Reader() io.Reader {
	if !f.open {
		return nil
	}
	return f.r
}

func (f *fileSource) Name() string { return "file" }

type memSource struct{ data string }

func (m memSource) Reader() io.Reader { return strings.NewReader(m.data) }
func (m memSource) Name() string      { return "mem" }

func ReadAll1(s Source) ([]byte, error) {
	return io.ReadAll(s.Reader()) // ok: the nil flows into std code we do not follow
}

func ReadFirst(s Source) (int, error) {
	buf := make([]byte, 1)
	return s.Reader().Read(buf) // want `(?s)nil panic: s.Reader\(\) may be nil.*\(\*variants.fileSource\).Reader.*flows into result 0 of Source.Reader \(interface\)`
}

func ReadFirstChecked(s Source) (int, error) {
	r := s.Reader()
	if r == nil {
		return 0, io.EOF
	}
	return r.Read(make([]byte, 1)) // ok
}

func NameOf(s Source) string { return s.Name() } // ok: no implementation returns nil (and strings are not nilable)

func Describe(s fmt.Stringer) string { return s.String() } // ok: nothing says s is nil

func CallDescribe() string {
	return Describe(nil) // want `(?s)nil panic: nil may be nil.*passed to variants.Describe.*method String called on it`
}

type node struct {
	next  *node
	value int
	child *node
	attrs map[string]int
}

func Fresh1() int { n := &node{value: 1}; return n.next.value }            // want `(?s)nil panic: n.next may be nil.*field next of n is not set`
func Fresh2() int { n := &node{next: &node{}}; return n.next.value }       // ok
func Fresh3() int { n := new(node); return n.child.value }                 // want `(?s)nil panic: n.child may be nil`
func Fresh4() { var n node; n.attrs["a"] = 1 }                              // want `(?s)nil panic: n.attrs may be nil.*assignment to entry in nil map`
func Fresh5() { n := node{attrs: map[string]int{}}; n.attrs["a"] = 1 }      // ok
func Fresh6() int { n := &node{}; n.next = &node{}; return n.next.value }  // ok
func Fresh7() int { n := &node{}; link(n); return n.next.value }           // ok: the call may have set it
func Fresh8() int { n := node{}; return n.next.next.value }                // want `(?s)nil panic: n.next may be nil`
func Fresh9() int { n := &node{value: 2}; m := n.child; return m.value }   // want `(?s)nil panic: m may be nil.*assigned to m`
func Fresh10() int { n := &node{}; if n.next != nil { return n.next.value }; return 0 } // ok

func link(n *node) { n.next = &node{} }

// results returns a channel that is closed without a value when n is 0.
func results(n int) <-chan *node {
	ch := make(chan *node, 1)
	go func() {
		defer close(ch)
		if n == 0 {
			return
		}
		ch <- &node{value: n}
	}()
	return ch
}

func Recv1(n int) int { return (<-results(n)).value } // want `(?s)nil panic: .*channel closed here.*receive from the closed channel yields nil`
func Recv2(n int) int {
	r := <-results(n)
	return r.value // want `(?s)nil panic: r may be nil.*assigned to r`
}
func Recv3(n int) int {
	r, ok := <-results(n)
	if !ok {
		return 0
	}
	return r.value // ok
}
func Recv4(n int) int {
	total := 0
	for r := range results(n) {
		total += r.value // ok: range ends at close
	}
	return total
}
func Recv5(n int) int {
	select {
	case r, ok := <-results(n):
		if ok {
			return r.value // ok
		}
	}
	return 0
}
func Recv6(n int) int {
	select {
	case r := <-results(n):
		return r.value // want `(?s)nil panic: r may be nil`
	}
}

func Closures1() func() int {
	var p *Point
	return func() int {
		return p.X // ok: captured variables are unknown inside the closure
	}
}

func Closures2() int {
	get := func() int {
		var q *Point
		return q.Y // want `(?s)nil panic: q may be nil`
	}
	return get()
}

func Closures3() {
	go func() {
		var m map[string]bool
		m["x"] = true // want `(?s)nil panic: m may be nil.*assignment to entry in nil map`
	}()
}

func Closures4() {
	defer func() {
		var f func()
		f() // want `(?s)nil panic: f may be nil.*nil function called`
	}()
}

type Stack[T any] struct{ items []*T }

// Top returns nil for an empty stack.
func (s *Stack[T]) Top() *T {
	if len(s.items) == 0 {
		return nil
	}
	return s.items[len(s.items)-1]
}

func Generic1(s *Stack[Point]) int { return s.Top().X } // want `(?s)nil panic: s.Top\(\) may be nil.*nil returned from`
func Generic2(s *Stack[Point]) int {
	if t := s.Top(); t != nil {
		return t.X // ok
	}
	return 0
}

func Loop1(items []*Point) int {
	var best *Point
	for _, it := range items {
		if best == nil || it.X > best.X {
			best = it
		}
	}
	return best.X // ok: a variable assigned in a loop is presumed set (known false negative: items may be empty)
}

func Loop2(items []*Point) int {
	var best *Point
	for _, it := range items {
		if best == nil || it.X > best.X {
			best = it
		}
	}
	if best == nil {
		return 0
	}
	return best.X // ok
}

func Switch1(kind int) int {
	var p *Point
	switch kind {
	case 1:
		p = &Point{X: 1}
	case 2:
		return 0
	}
	if p == nil {
		println("none")
	}
	return p.X // ok: presumed set; a non-exiting check does not change that (known false negative)
}

// OpenFile makes a fileSource a Source (only types converted to an interface reach its calls).
func OpenFile() Source { return &fileSource{} }
