// Package handoff: goroutines joined through channels a helper owns, or that
// are stored in a field and received from only when set.
package handoff

import "time"

type worker struct {
	client *int
	termC  chan struct{}
}

// stop starts a goroutine and waits for it on every way out: the caller may
// touch what the goroutine used once stop returns.
func (w *worker) stop() {
	closeC := make(chan struct{})
	go func() {
		_ = *w.client
		close(closeC)
	}()
	t := time.NewTimer(time.Second)
	for {
		select {
		case <-w.termC:
			t.Stop()
			<-closeC
			w.client = nil
			return
		case <-t.C:
			t.Reset(time.Second)
		}
	}
}

func (w *worker) Coordinate() {
	for {
		if w.client == nil {
			x := 1
			w.client = &x
		}
		w.stop()
	}
}

// stopNoWait may return while its goroutine still runs.
func (w *worker) stopNoWait(quick bool) {
	closeC := make(chan struct{})
	go func() {
		_ = *w.client
		close(closeC)
	}()
	if quick {
		return
	}
	<-closeC
}

func (w *worker) CoordinateNoWait(quick bool) {
	w.stopNoWait(quick)
	w.client = nil // want `data race: w.client written in worker.CoordinateNoWait while the goroutine runs`
}

type result struct{ err error }

type cmd struct {
	resultC chan result
	err     error
	cancel  bool
	other   bool
}

// start stores the channel it gives the watcher in a field: receiving from the
// field is receiving from the watcher.
func (c *cmd) start() {
	if c.cancel {
		resultc := make(chan result)
		c.resultC = resultc
		go c.watch(resultc)
	}
}

func (c *cmd) watch(resultc chan<- result) {
	c.err = nil // want `data race: c.err written by the goroutine started at handoff.go:77; read at handoff.go:111 \(inside the call, at handoff.go:106\) by cmd.RunOther`
	resultc <- result{}
}

// wait receives only when the channel is set: exactly when the watcher was started.
func (c *cmd) wait() error {
	if c.resultC != nil {
		r := <-c.resultC
		_ = r
	}
	return c.err
}

func (c *cmd) Run() error {
	c.start()
	return c.wait()
}

// waitOther receives under a condition unrelated to the channel: the watcher may not be joined.
func (c *cmd) waitOther() error {
	if c.other {
		r := <-c.resultC
		_ = r
	}
	return c.err
}

func (c *cmd) RunOther() error {
	c.start()
	return c.waitOther()
}

// ping stops the worker only on failure: when it started the goroutine, it also waited for it.
func (w *worker) ping(fail bool) {
	if fail {
		w.stop()
	}
}

func (w *worker) PingThenReset(fail bool) {
	w.ping(fail)
	w.client = nil
}

// bench: helpers that start a goroutine and wait for it on a shared signal
// channel before returning, called one after the other and in a loop.
type bench struct {
	signal chan bool
	failed bool
	n      int
}

func (b *bench) runN(n int) {
	b.n = n
	b.failed = n < 0
}

func (b *bench) run1() bool {
	go func() {
		defer func() { b.signal <- true }()
		b.runN(1)
	}()
	<-b.signal
	return !b.failed
}

func (b *bench) doBench() int {
	go b.launch()
	<-b.signal
	return b.n
}

func (b *bench) launch() {
	defer func() { b.signal <- true }()
	if !b.failed {
		b.runN(b.n * 2) // want `data race: b.failed written by the goroutine started at handoff.go:181; read at handoff.go:156 concurrently by another instance of the same goroutine`
	}
}

func (b *bench) process(count int) {
	for i := 0; i < count; i++ {
		if i > 0 {
			b.run1()
		}
		b.doBench()
		if b.failed {
			continue
		}
	}
}

func (b *bench) Run() bool {
	if b.run1() {
		b.process(3)
	}
	return !b.failed
}

// startOnly starts the goroutine and returns: called in a loop, the instances overlap.
func (b *bench) startOnly() { go b.launch() }

func (b *bench) ProcessNoWait(count int) {
	for i := 0; i < count; i++ {
		b.startOnly()
	}
}

// runner: the goroutine records its result in a deferred function and signals
// last, from a nested deferred function, unless it panicked (then the process dies).
type runner struct {
	signal chan bool
	failed bool
	done   bool
}

func (t *runner) body(fn func()) {
	didPanic := true
	defer func() {
		if r := recover(); r != nil {
			t.failed = true
		}
		defer func() {
			if !didPanic {
				t.signal <- true
			}
		}()
		t.done = true
	}()
	fn()
	didPanic = false
}

func (t *runner) Run(fn func()) bool {
	go t.body(fn)
	<-t.signal
	return !t.failed && t.done
}
