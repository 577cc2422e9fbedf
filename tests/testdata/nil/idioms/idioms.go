// Package idioms: Go idioms that must not be reported, beside their broken twins.
package idioms

import (
	"flag"
	"sync"
)

type Tree struct {
	Left, Right *Tree
	Val         int
}

// Sum handles a nil receiver, the idiom of recursive types.
func (t *Tree) Sum() int {
	if t == nil {
		return 0
	}
	return t.Val + t.Left.Sum() + t.Right.Sum()
}

func SumNil() int {
	var t *Tree
	return t.Sum() // ok: Sum handles nil
}

// Depth does not handle nil.
func (t *Tree) Depth() int { return 1 + max(t.Left.depthOrZero(), t.Right.depthOrZero()) }

func (t *Tree) depthOrZero() int {
	if t == nil {
		return 0
	}
	return t.Depth()
}

func DepthNil() int {
	var t *Tree
	return t.Depth() // want `(?s)nil panic: t may be nil here \(method Depth called on it\)`
}

func isNil(t *Tree) bool { return t == nil }

func find(t *Tree, v int) *Tree {
	for t != nil && t.Val != v {
		if v < t.Val {
			t = t.Left
		} else {
			t = t.Right
		}
	}
	return t
}

func HelperCheck(root *Tree) int {
	t := find(root, 3)
	if isNil(t) {
		return 0
	}
	return t.Val // ok: checked through a helper
}

func must[T any](v *T, err error) *T {
	if err != nil {
		panic(err)
	}
	return v
}

func parse(s string) (*Tree, error) {
	if s == "" {
		return nil, errEmpty
	}
	return &Tree{}, nil
}

type strErr string

func (e strErr) Error() string { return string(e) }

var errEmpty error = strErr("empty")

func MustHelper() int {
	t := must(parse("x"))
	return t.Val // ok: must panics instead of returning nil
}

func fatalf(format string) {
	panic(format)
}

func NoReturnHelper(root *Tree) int {
	t := find(root, 1)
	if t == nil {
		fatalf("missing")
	}
	return t.Val // ok: fatalf never returns
}

var (
	once    sync.Once
	cfgTree *Tree
)

func config() *Tree {
	once.Do(func() { cfgTree = &Tree{Val: 7} })
	return cfgTree
}

func OnceGlobal() int {
	return config().Val // ok: set by sync.Once
}

var verbose = flag.Bool("v", false, "verbose")

func FlagValue() bool {
	return *verbose // ok: flag.Bool never returns nil
}

var root *Tree

func init() { root = &Tree{} }

func InitGlobal() int {
	return root.Val // ok: globals set in init are not reported
}

func AppendNil() []int {
	var s []int
	for i := 0; i < 3; i++ {
		s = append(s, i) // ok
	}
	return s
}

func RangeNilMap() int {
	var m map[string]int
	n := 0
	for k, v := range m { // ok
		n += len(k) + v
	}
	return n
}

func LenNil() int {
	var m map[int]int
	var s []string
	var ch chan int
	return len(m) + len(s) + cap(ch) // ok
}

func ReadNilMap() int {
	var m map[string]int
	v, ok := m["x"] // ok
	if ok {
		return v
	}
	return m["y"] // ok
}

func LenGuard(xs []*Tree) int {
	if len(xs) > 0 {
		return xs[0].Val // ok: elements are not tracked
	}
	return 0
}

func Lazy(t *Tree) *Tree {
	if t.Left == nil {
		t.Left = &Tree{}
	}
	return t.Left // ok
}

func LazyUse(t *Tree) int {
	if t.Left == nil {
		t.Left = &Tree{}
	}
	return t.Left.Val // ok
}

func NilThenAssignInBranch(c bool) int {
	var t *Tree
	if c {
		t = &Tree{}
	} else {
		return 0
	}
	return t.Val // ok
}

func DeferRecover() (n int) {
	defer func() {
		if r := recover(); r != nil {
			n = -1
		}
	}()
	var t *Tree
	return t.Val // want `(?s)nil panic: t may be nil`
}

func ErrorfOk() error {
	var err error
	if err != nil {
		return err
	}
	return nil // ok
}

func SwitchOnNil(t *Tree) int {
	switch t {
	case nil:
		return 0
	default:
		return t.Val // ok: the parameter is unknown, not nil
	}
}

type stack struct{ items []*Tree }

func (s *stack) empty() bool { return len(s.items) == 0 }

// pop returns nil when the stack is empty.
func (s *stack) pop() *Tree {
	if len(s.items) == 0 {
		return nil
	}
	t := s.items[len(s.items)-1]
	s.items = s.items[:len(s.items)-1]
	return t
}

// The loop condition checked the stack's state: pop does not return nil here.
func DrainChecked(s *stack) int {
	n := 0
	for !s.empty() {
		t := s.pop()
		n += t.Val // ok
	}
	return n
}

// Without a check of the stack, the documented nil of pop reaches the use.
func PopUnchecked(s *stack) int {
	t := s.pop()
	return t.Val // want `t may be nil here`
}

func popOrNil(s *stack) int {
	if t := s.pop(); t != nil { // a caller checks: the nil is real
		return t.Val
	}
	return 0
}
