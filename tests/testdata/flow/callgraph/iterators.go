package callgraph

// A range over a function calls the iterator, with the loop body as yield.
type List struct{ items []int }

func (l *List) All() func(yield func(int) bool) {
	return func(yield func(int) bool) {
		for _, x := range l.items {
			if !yield(x) {
				return
			}
		}
	}
}

func countTo(n int) func(func(int) bool) {
	return func(yield func(int) bool) {
		for i := 0; i < n && yield(i); i++ {
		}
	}
}

func SumAll(l *List) int {
	s := 0
	for x := range l.All() {
		s += x
	}
	for x := range countTo(3) {
		s += x
	}
	return s
}

// An iterator from an exported function's parameter: its callers are not all known.
func Drain(seq func(func(int) bool)) {
	for range seq {
	}
}
