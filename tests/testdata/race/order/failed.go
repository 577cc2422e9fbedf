package order

import "testing"

var clock = func() int { return 0 }

// A subtest helper that waits for its goroutine on every way it returns, unless the test has already failed
// (a return after t.Failed() ends a failed test, like t.Fatal).
func checkJoinedUnlessFailed(t *testing.T, c *Conn, started chan struct{}) {
	done := make(chan struct{})
	go func() {
		defer close(done)
		c.setDeadline(clock())
	}()
	<-started
	if t.Failed() {
		return
	}
	<-done
}

func RunJoinedUnlessFailed(t *testing.T, c *Conn, started chan struct{}) {
	checkJoinedUnlessFailed(t, c, started)
	clock = nil
}

// The early return does not depend on a failure: the goroutine may still run when the helper returns.
func checkJoinedUnlessSkipped(t *testing.T, c *Conn, skip bool) {
	done := make(chan struct{})
	go func() {
		defer close(done)
		c.setDeadline(clock())
	}()
	if skip {
		return
	}
	<-done
}

func RunJoinedUnlessSkipped(t *testing.T, c *Conn) {
	checkJoinedUnlessSkipped(t, c, true)
	clock = nil // want `data race: clock written in RunJoinedUnlessSkipped while the goroutine runs`
}

// The same in a subtest, with the test's deferred reset.
func RunSubtestJoinedUnlessFailed(t *testing.T, c *Conn) {
	defer func() { clock = func() int { return 1 } }()
	for _, name := range []string{"a", "b"} {
		t.Run(name, func(t *testing.T) {
			done := make(chan struct{})
			go func() {
				defer close(done)
				c.setDeadline(clock())
			}()
			if !t.Failed() {
				<-done
				return
			}
		})
	}
}

// The subtest returns early whenever the first attempt failed, test failure or not.
func RunSubtestJoinedUnlessRetried(t *testing.T, c *Conn, retry func() bool) {
	defer func() { clock = func() int { return 1 } }() // want `data race: clock written in RunSubtestJoinedUnlessRetried while the goroutine runs`
	t.Run("x", func(t *testing.T) {
		done := make(chan struct{})
		go func() {
			defer close(done)
			c.setDeadline(clock())
		}()
		if retry() {
			return
		}
		<-done
	})
}
