// Package typeforms exercises the type and object forms the model must
// render exactly as go/types does.
package typeforms

import (
	"fmt"
	"io"
	"iter"
	"unsafe"
)

type Number interface {
	~int | ~int64 | float64
}

type Pair[K comparable, V any] struct {
	Key   K
	Value V `json:"value,omitempty"`
}

type List[T any] struct {
	head *node[T]
	size int
}

type node[T any] struct {
	val  T
	next *node[T]
}

func (l *List[T]) Push(v T) { l.head = &node[T]{val: v, next: l.head}; l.size++ }

func (l *List[T]) All() iter.Seq[T] {
	return func(yield func(T) bool) {
		for n := l.head; n != nil; n = n.next {
			if !yield(n.val) {
				return
			}
		}
	}
}

func Sum[T Number](xs ...T) (total T) {
	for _, x := range xs {
		total += x
	}
	return
}

type Alias = Pair[string, int]

type ReadCloser interface {
	io.Reader
	Close() error
}

type Embeds struct {
	*List[int]
	fmt.Stringer
	anon struct {
		a, b int
		c    chan<- <-chan int
	}
}

const (
	A = iota * 10
	B
	C float64 = 1.5
	S         = "text"
)

var (
	p    unsafe.Pointer
	fn   func(int, ...string) (n int, err error)
	m    map[string][]*Pair[string, int]
	ch   chan (<-chan int)
	arr  [4]byte
	ifc  interface{ M(x int) string }
	anyv any
	cmp  interface{ comparable }
)

func Use() {
	var l List[int]
	l.Push(1)
	for v := range l.All() {
		fmt.Println(v, Sum(1, 2, 3), Sum[float64](1.5))
	}
	var x Alias
	_ = x.Key
	push := (*List[int]).Push
	push(&l, 2)
	f := l.Push
	f(3)
outer:
	for i := range 10 {
		switch v := any(i).(type) {
		case int:
			if v > 5 {
				break outer
			}
		case string, error:
			_ = v
		}
	}
	_, _, _, _, _, _, _, _ = p, fn, m, ch, arr, ifc, anyv, cmp
}
