package recall

import (
	"context"
	"errors"
	"time"
)

type Answer struct {
	Val int
	Err error
}

// FetchWithin gives up after a second but still returns the answer the goroutine
// may be writing at that moment.
func FetchWithin(f func() int) (res Answer) {
	done := make(chan struct{})
	go func() {
		res.Val = f() // want `data race: res.Val written by the goroutine started at selecttimeout.go:\d+; res read at selecttimeout.go:\d+ by FetchWithin, after it starts the goroutine`
		close(done)
	}()
	select {
	case <-done:
	case <-time.After(time.Second):
		res.Err = errors.New("timeout")
	}
	return res
}

// FetchOrCancel does the same with a context.
func FetchOrCancel(ctx context.Context, f func() int) int {
	var val int
	done := make(chan struct{})
	go func() {
		val = f() // want `data race: val written by the goroutine started at selecttimeout.go:\d+; read at selecttimeout.go:\d+ by FetchOrCancel, after it starts the goroutine`
		close(done)
	}()
	select {
	case <-done:
	case <-ctx.Done():
	}
	return val
}

// FetchOrFail is race-free: the timeout case returns without the value.
func FetchOrFail(f func() int) (int, error) {
	var val int
	done := make(chan struct{})
	go func() {
		val = f()
		close(done)
	}()
	select {
	case <-done:
	case <-time.After(time.Second):
		return 0, errors.New("timeout")
	}
	return val, nil
}

// PollUntilDone is race-free: the ticker wakes the loop up, and the loop is left
// only through done.
func PollUntilDone(f func() int, tick *time.Ticker) int {
	var val int
	done := make(chan struct{})
	go func() {
		val = f()
		close(done)
	}()
	for {
		select {
		case <-done:
			return val
		case <-tick.C:
		}
	}
}

// FetchOrDrain is race-free: on cancellation it still waits for the goroutine
// before it reads the value.
func FetchOrDrain(ctx context.Context, f func() int) (int, error) {
	var val int
	var err error
	done := make(chan struct{})
	go func() {
		val = f()
		close(done)
	}()
	select {
	case <-ctx.Done():
		<-done
		err = ctx.Err()
	case <-done:
	}
	return val, err
}
