// Package order: orderings a Go program relies on that come from the shape of the code: deferred calls
// running last-in first-out, joins over the same collection the goroutines were started from, joins
// on every way out of a function, and flags published by an atomic store.
package order

import "errors"

type Conn struct{ deadline int }

func (c *Conn) setDeadline(d int) { c.deadline = d }

// Deferred calls run last-in first-out: the deferred reset, registered before the deferred join,
// runs after it.
func DialJoinedFirst(c *Conn, cancel <-chan struct{}, timed bool) {
	if timed {
		c.setDeadline(1)
		defer c.setDeadline(0)
	}
	if cancel != nil {
		done := make(chan struct{})
		res := make(chan error)
		defer func() {
			close(done)
			<-res
		}()
		go func() {
			select {
			case <-cancel:
				c.setDeadline(-1)
				res <- errors.New("canceled")
			case <-done:
				res <- nil
			}
		}()
	}
	work()
}

// The reset registered after the join runs before it, while the goroutine may still write.
func DialResetFirst(c *Conn, cancel <-chan struct{}, timed bool) {
	if cancel != nil {
		done := make(chan struct{})
		res := make(chan error)
		defer func() {
			close(done)
			<-res
		}()
		go func() {
			select {
			case <-cancel:
				c.setDeadline(-1) // want `data race: c.deadline written by the goroutine started at defers.go:48; written at defers.go:59 .*by DialResetFirst, after it starts the goroutine`
				res <- errors.New("canceled")
			case <-done:
				res <- nil
			}
		}()
	}
	if timed {
		defer c.setDeadline(0)
	}
	work()
}

// The join is deferred only on some paths to the go statement: without it, the reset runs with the goroutine.
func DialJoinSometimes(c *Conn, cancel <-chan struct{}, timed, wait bool) {
	if timed {
		defer c.setDeadline(0) // want `data race: c.deadline written in DialJoinSometimes while the goroutine runs`
	}
	done := make(chan struct{})
	res := make(chan error)
	if wait {
		defer func() {
			close(done)
			<-res
		}()
	}
	go func() {
		select {
		case <-cancel:
			c.setDeadline(-1)
			res <- errors.New("canceled")
		case <-done:
			res <- nil
		}
	}()
	work()
}

// Unconditional defers: the wait registered last runs first.
func WaitThenReset(c *Conn) {
	defer c.setDeadline(0)
	res := make(chan int)
	defer func() { <-res }()
	go func() {
		c.setDeadline(2)
		res <- 1
	}()
}

func work() {}
