// Package more: channels, embedding, method values, boxing of pointers, fmt.
package more

import "fmt"

type Inner struct{ N int }

//go:noinline
func (i *Inner) Grow() *Inner { return &Inner{N: i.N + 1} }

type Outer struct {
	Inner
	Name string
}

// Promoted calls a method promoted through embedding.
//
// +checkescape:heap
func Promoted(o *Outer) *Inner {
	return o.Grow() // want `^heap: &Inner\{\.\.\.\} escapes to heap\n.*→ more\.\(\*Inner\)\.Grow`
}

// SendRecv: sending and receiving do not allocate.
//
// +checkescape:hard
func SendRecv(ch chan int, v int) int {
	ch <- v
	return <-ch
}

// NewChan returns a channel: the runtime allocates it.
//
// +checkescape:builtin
func NewChan() chan int {
	return make(chan int) // want `^builtin: .*makechan`
}

// Select on channels does not allocate.
//
// +checkescape:hard
func Select(a, b chan int) int {
	select {
	case v := <-a:
		return v
	case v := <-b:
		return v
	}
}

// MethodValueEscapes: a method value that escapes is a heap closure.
//
// +checkescape:heap
func MethodValueEscapes(i *Inner) func() *Inner {
	return i.Grow // want `^heap: i\.Grow escapes to heap`
}

// PointerInInterface: a pointer fits in an interface word; no boxing allocation.
//
// +checkescape:heap
func PointerInInterface(i *Inner) any {
	return i
}

// Sprintf boxes its argument (heap) and calls into fmt (unknown).
//
// +checkescape:heap,unknown
func Sprintf(n int) string {
	return fmt.Sprintf("%d", n) // want `^heap: n escapes to heap` `^unknown: call to fmt\.Sprintf`
}

// LocalStruct: a struct whose address does not leave the function stays on the stack.
//
// +checkescape:hard
func LocalStruct(n int) int {
	o := &Outer{Name: "x"}
	o.N = n
	return o.N + len(o.Name)
}

// ArrayCopy: copying arrays does not allocate.
//
// +checkescape:all
func ArrayCopy(a [4]int) [4]int {
	b := a
	b[0]++
	return b
}
