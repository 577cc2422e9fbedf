// Package builtins: make, append, maps, channels, strings, conversions,
// each reported only when the compiler emits the allocation.
package builtins

// LocalMap: a map that does not escape lives on the stack: nothing reported.
//
// +checkescape:hard
func LocalMap() int {
	m := make(map[int]int)
	return len(m)
}

// EscapingMap: the map is returned, so the compiler allocates it.
//
// +checkescape:builtin
func EscapingMap() map[int]int {
	return make(map[int]int) // want `^builtin: make\(map\[int\]int\) escapes to heap`
}

// BigMap: a size hint too large for the stack allocates even locally.
//
// +checkescape:builtin
func BigMap(n int) int {
	m := make(map[int]int, n) // want `^builtin: .*makemap`
	m[1] = 2
	return len(m)
}

// LocalChan: a local channel still needs the runtime.
//
// +checkescape:builtin
func LocalChan() int {
	ch := make(chan int, 1) // want `^builtin: .*makechan`
	ch <- 1
	return <-ch
}

// ConstSlice: a constant-size slice that does not escape stays on the stack.
//
// +checkescape:hard
func ConstSlice() int {
	b := make([]byte, 64)
	b[0] = 1
	return int(b[0])
}

// VarSlice: a non-constant size goes to the heap.
//
// +checkescape:builtin
func VarSlice(n int) int {
	b := make([]byte, n) // want `^builtin: make\(\[\]byte, n\) escapes to heap`
	return len(b)
}

// Append may grow its slice.
//
// +checkescape:builtin
func Append(xs []int, x int) []int {
	return append(xs, x) // want `^builtin: append may grow the slice`
}

// Concat joins strings: the runtime may allocate.
//
// +checkescape:builtin
func Concat(a, b string) string {
	return a + b // want `^builtin: .*(concatstring|a \+ b)`
}

// ToBytes converts a string to a new byte slice that escapes.
//
// +checkescape:builtin
func ToBytes(s string) []byte {
	return []byte(s) // want `^builtin: .*`
}

// ToString converts bytes to a string.
//
// +checkescape:builtin
func ToString(b []byte) string {
	return string(b) // want `^builtin: .*slicebytetostring`
}

// MapLookup reads a map: no allocation.
//
// +checkescape:hard
func MapLookup(m map[string]int, k string) int {
	return m[k]
}

// BoxArg: passing an int to a ...any parameter boxes it.
//
// +checkescape:heap
func BoxArg(n int) {
	use(n) // want `^heap: .*`
}

//go:noinline
func use(xs ...any) { sinkAny = xs[0] }

var sinkAny any

// Slices: fixed-size array on the stack; no escapes.
//
// +checkescape:all
func Slices() int {
	var a [8]int
	s := a[:]
	s[1] = 3
	return s[1]
}
