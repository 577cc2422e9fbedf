// Package closures: function literals, captured variables, defer and go.
package closures

// Captured: the closure escapes (returned) and captures x by reference.
//
// +checkescape:heap
func Captured(x int) func() int { // want `^heap: x escapes to heap`
	return func() int { // want `^heap: func literal escapes to heap`
		x++
		return x
	}
}

// CalledInPlace: a closure called where it is written is inlined; nothing escapes.
//
// +checkescape:hard
func CalledInPlace(x int) int {
	f := func() int { return x * 2 }
	return f()
}

// Deferred: an open-coded defer of a closure; nothing allocates.
//
// +checkescape:hard
func Deferred(mu *int) {
	*mu = 1
	defer func() { *mu = 0 }()
}

// DeferInLoop: a defer in a loop cannot be open-coded; the runtime keeps a record per iteration.
//
// +checkescape:hard
func DeferInLoop(xs []int) (s int) { // want `^heap: s escapes to heap`
	for _, x := range xs {
		defer func() { s += x }() // want `^builtin: defer record on the heap` `^heap: func literal escapes to heap`
	}
	return 0
}

// Goroutine: the go statement allocates the goroutine.
//
// +checkescape:builtin
func Goroutine(ch chan int) {
	go func() { ch <- 1 }() // want `^builtin: go statement starts a goroutine`
}

// ClosureCallsAllocator hands a closure to an unknown function: the closure escapes.
//
// +checkescape:heap
func ClosureCallsAllocator(n int, each func(func())) {
	each(func() { keep(n) }) // want `^heap: func literal escapes to heap`
}

var kept []*int

//go:noinline
func keep(n int) { kept = append(kept, &n) }

// Immediate calls a closure that calls the allocator; the chain goes through it.
//
// +checkescape:heap
func Immediate(n int) {
	func() {
		keep(n) // want `^heap: moved to heap: n|^heap: n escapes`
	}()
}
