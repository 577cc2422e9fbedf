// Package a declares what package b's goroutines share. Whether b's accesses
// race depends on what a's own code stores (program-wide race rules): under
// go vet -facts=vetx, b's unit learns it from a's facts only (docs/facts.md).
package a

import (
	"errors"
	"sync"
)

var ErrClosing = errors.New("closing")

// Buf: Err is set once, under Mu, only while it is unset.
type Buf struct {
	Mu  sync.Mutex
	Err error
	N   int
}

func (c *Buf) Finish() {
	c.Mu.Lock()
	if c.Err != nil {
		c.Mu.Unlock()
		return
	}
	c.Err = ErrClosing
	c.Mu.Unlock()
}

// ResetBuf: the same, but Reset lowers Err again, so a later Finish writes it again.
type ResetBuf struct {
	Mu  sync.Mutex
	Err error
	N   int
}

func (c *ResetBuf) Finish() {
	c.Mu.Lock()
	if c.Err != nil {
		c.Mu.Unlock()
		return
	}
	c.Err = ErrClosing
	c.Mu.Unlock()
}

func (c *ResetBuf) Reset() {
	c.Mu.Lock()
	c.Err = nil
	c.Mu.Unlock()
}

// Sink: Queue holds one channel for its life (a's code never assigns it).
type Sink struct{ Queue chan int }

func NewSink() *Sink { return &Sink{Queue: make(chan int)} }

// Pipe: Reopen gives Queue a new channel, so clearing it can race with the close of another.
type Pipe struct{ Queue chan int }

func NewPipe() *Pipe { return &Pipe{Queue: make(chan int)} }

func (p *Pipe) Reopen() { p.Queue = make(chan int) }

// Writer: Concurrency is fixed at construction (no method assigns it).
type Writer struct {
	Concurrency int
	Written     int
}

func NewWriter(n int) *Writer { return &Writer{Concurrency: n} }

// Tunable: SetConcurrency changes the mode after construction.
type Tunable struct {
	Concurrency int
	Written     int
}

func (t *Tunable) SetConcurrency(n int) { t.Concurrency = n }

// State: Ready only goes up (a's code never lowers it).
type State struct {
	Mu    sync.Mutex
	Ready bool
	URL   string
}

// Flaky: Invalidate lowers Ready again.
type Flaky struct {
	Mu    sync.Mutex
	Ready bool
	URL   string
}

func (f *Flaky) Invalidate() {
	f.Mu.Lock()
	f.Ready = false
	f.Mu.Unlock()
}
