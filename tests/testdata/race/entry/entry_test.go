package entry

import "testing"

var shared int

// Parallel subtests run concurrently with each other.
func TestParallelSubtests(t *testing.T) {
	for _, name := range []string{"a", "b"} {
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			shared++ // want `data race: shared written by the parallel subtest`
		})
	}
}

// Sequential subtests do not.
func TestSequentialSubtests(t *testing.T) {
	for _, name := range []string{"a", "b"} {
		t.Run(name, func(t *testing.T) {
			shared++
		})
	}
}

// Work before t.Parallel runs synchronously.
func TestSetupBeforeParallel(t *testing.T) {
	for _, name := range []string{"a", "b"} {
		t.Run(name, func(t *testing.T) {
			shared = 1
			t.Parallel()
			local := 0
			local++
			_ = local
		})
	}
}

// Per-subtest variables are not shared.
func TestParallelPerSubtest(t *testing.T) {
	for _, name := range []string{"a", "b"} {
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			n := len(name)
			n++
			_ = n
		})
	}
}
