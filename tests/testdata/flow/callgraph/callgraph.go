// Package callgraph exercises every kind of call the call graph resolves.
package callgraph

import (
	"fmt"
	"sort"
	"sync"

	"vigil.test/flow/callgraph/shapes"
)

// Square is the third Shape, in a second package.
type Square struct{ S float64 }

func (s Square) Area() float64 { return s.S * s.S }

// Interface dispatch: three implementations in two packages.
func TotalArea() float64 {
	all := append(shapes.Shapes(), Square{S: 2})
	total := 0.0
	for _, s := range all {
		total += s.Area()
	}
	return total
}

// Promoted methods through embedding (value and pointer embedding).
type Base struct{ n int }

func (b *Base) Inc()      { b.n++ }
func (b Base) Value() int { return b.n }

type Derived struct {
	Base
	name string
}

type PtrDerived struct {
	*Base
}

func Promoted() int {
	var d Derived
	d.Inc()
	p := PtrDerived{Base: &Base{}}
	p.Inc()
	return d.Value() + p.Value()
}

// A closure passed as a parameter and called.
func apply(xs []int, f func(int) int) []int {
	out := make([]int, len(xs))
	for i, x := range xs {
		out[i] = f(x)
	}
	return out
}

func double(x int) int { return 2 * x }

func ClosureParam(k int) []int {
	a := apply([]int{1, 2}, func(x int) int { return x + k })
	return apply(a, double)
}

// A method value stored in a struct field, and called through it.
type Counter struct{ n int }

func (c *Counter) Add(d int) { c.n += d }

type Handler struct {
	on func(int)
}

func MethodValueField() int {
	c := &Counter{}
	h := Handler{on: c.Add}
	h.on(3)
	return c.n
}

// A method expression.
func MethodExpr() int {
	f := (*Counter).Add
	c := &Counter{}
	f(c, 2)
	return c.n
}

// A generic function called with two type arguments.
func Max[T int | string](a, b T) T {
	if a > b {
		return a
	}
	return b
}

func Generic() string {
	n := Max(1, 2)
	return Max(fmt.Sprint(n), "b")
}

// A generic type's method, called through its constraint's interface.
type Stringer interface{ String() string }

type Name string

func (n Name) String() string { return string(n) }

func JoinAll[S Stringer](xs []S) string {
	out := ""
	for _, x := range xs {
		out += x.String()
	}
	return out
}

func UseJoin() string { return JoinAll([]Name{"a", "b"}) }

// Local closure variables, go and defer edges.
func GoAndDefer(wg *sync.WaitGroup) {
	work := func() { fmt.Println("work") }
	wg.Add(1)
	go func() {
		defer wg.Done()
		work()
	}()
	defer fmt.Println("done")
	wg.Wait()
}

// Calls that stay unresolved, each for its reason.
var registry = map[string]func(){}

func Exported(f func()) { f() }

func Unresolved(name string, get func() func()) {
	registry[name]()
	get()()
	sort.Slice([]int{}, func(i, j int) bool { return i < j })
}

// A package-level function variable, assigned in two places.
var hook = func() {}

func SetHook() { hook = func() { fmt.Println("hooked") } }

func CallHook() { hook() }

// A function value returned by a call, called at once.
func makeGreeter(loud bool) func() string {
	if loud {
		return func() string { return "HELLO" }
	}
	return greet
}

func greet() string { return "hello" }

func CallReturned() string { return makeGreeter(true)() }
