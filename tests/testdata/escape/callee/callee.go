// Package callee: escapes through calls, chains, cycles and exemptions down the chain.
package callee

type Buf struct{ B [32]byte }

// Chain reaches an allocation two calls down; the trace names each hop.
//
// +checkescape:heap
func Chain(n int) *Buf {
	return first(n) // want `^heap: &Buf\{\} escapes to heap\n.*callee\.go:\d+:\d+: → callee\.first \(callee\.go:\d+\)\n.*callee\.go:\d+:\d+: → callee\.second`
}

//go:noinline
func first(n int) *Buf { return second(n) }

//go:noinline
func second(n int) *Buf {
	if n < 0 {
		return nil
	}
	return &Buf{}
}

// Cycle: mutual recursion terminates and still finds the allocation.
//
// +checkescape:hard
func Cycle(n int) *Buf {
	return ping(n) // want `^heap:`
}

//go:noinline
func ping(n int) *Buf {
	if n == 0 {
		return &Buf{}
	}
	return pong(n - 1)
}

//go:noinline
func pong(n int) *Buf {
	if n == 0 {
		return nil
	}
	return ping(n - 1)
}

// CleanCycle: recursion without allocation is clean.
//
// +checkescape:hard
func CleanCycle(n int) int {
	return even(n)
}

//go:noinline
func even(n int) int {
	if n == 0 {
		return 1
	}
	return odd(n - 1)
}

//go:noinline
func odd(n int) int {
	if n == 0 {
		return 0
	}
	return even(n - 1)
}

// ExemptInCallee: the callee's allocation is exempted, for every caller.
//
// +checkescape:hard
func ExemptInCallee(n int) *Buf {
	return pooled(n)
}

//go:noinline
func pooled(n int) *Buf {
	if n > 0 {
		return nil
	}
	return &Buf{} // escapes: pool refill, amortized
}

// ExemptCall: the exemption on the call line cuts the whole call.
//
// +checkescape:hard
func ExemptCall(n int) *Buf {
	return second(n) // escapes: slow path, once per connection
}

// Method calls a concrete method that allocates.
//
// +checkescape:heap
func (b *Buf) Method() *Buf {
	return b.clone() // want `^heap: .*\n.*→ callee\.\(\*Buf\)\.clone`
}

//go:noinline
func (b *Buf) clone() *Buf {
	c := *b
	return &c
}

// MethodValue takes a method value and calls it: a closure wrapper the compiler may inline.
//
// +checkescape:dynamic
func MethodValue(b *Buf, run func(func() *Buf)) {
	run(b.clone) // want `^dynamic: call through a function value: run\(b\.clone\)`
}
