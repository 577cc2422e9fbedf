// Package closedchans: receives from channels that get closed, where the
// close is or is not ordered after the receive. Shapes from caches, pools and
// connection loops: a processing goroutine stopped before its buffer is
// closed, a loop that closes its own channel and returns, a channel set to
// nil after close; each safe shape has a twin where the close can come first.
package closedchans

import "sync"

type item struct{ cost int64 }

// ---- the closer first stops the only receiver ----

type Cache struct {
	setBuf chan *item
	stop   chan struct{}
}

func (c *Cache) processItems() int64 {
	var total int64
	for {
		select {
		case i := <-c.setBuf:
			total += i.cost // ok: Close stops this loop before closing setBuf
		case <-c.stop:
			return total
		}
	}
}

func (c *Cache) Close() {
	c.stop <- struct{}{} // blocks until processItems returns
	close(c.stop)
	close(c.setBuf)
}

type Queue struct {
	jobs chan *item
	done chan struct{}
}

func (q *Queue) worker() int64 {
	var total int64
	for {
		select {
		case j := <-q.jobs:
			total += j.cost // want `j may be nil here`
		case <-q.done:
			return total
		}
	}
}

func (q *Queue) Close() {
	close(q.jobs) // nothing stops the worker first: it can receive the close
	close(q.done)
}

// ---- the closer waits for the receivers ----

type Fanout struct {
	in chan *item
	wg sync.WaitGroup
}

func (f *Fanout) consume() int64 {
	defer f.wg.Done()
	i := <-f.in
	return i.cost // ok: Stop waits for the consumers before closing in
}

func (f *Fanout) Stop() {
	f.wg.Wait()
	close(f.in)
}

// ---- the only receiver closes the channel and returns ----

type Conn struct {
	incoming chan *item
	quit     chan struct{}
}

func (c *Conn) readLoop() int64 {
	var n int64
	for {
		select {
		case m := <-c.incoming:
			n += m.cost // ok: the close below is followed by return
		case <-c.quit:
			close(c.incoming)
			return n
		}
	}
}

func (c *Conn) drainLoop() int64 {
	var n int64
	for {
		select {
		case m := <-c.incoming:
			n += m.cost // want `m may be nil here`
		case <-c.quit:
			close(c.incoming) // and the loop goes on: the next receive sees the close
		}
	}
}

// ---- a local channel closed later in the same goroutine ----

func Pipeline(xs []*item) int64 {
	ch := make(chan *item, len(xs))
	for _, x := range xs {
		ch <- x
	}
	first := <-ch
	close(ch)
	return first.cost // ok: received before the close
}

func PipelineClosedFirst(xs []*item) int64 {
	ch := make(chan *item, len(xs))
	for _, x := range xs {
		ch <- x
	}
	close(ch)
	first := <-ch
	return first.cost // want `first may be nil here`
}

func PipelineReopened(xs []*item) int64 {
	ch := make(chan *item, 1)
	close(ch)
	ch = make(chan *item, 1)
	ch <- &item{}
	first := <-ch
	return first.cost // ok: a new channel
}

// ---- a channel set to nil after close ----

type Sub struct{ events chan *item }

func (s *Sub) Next() int64 {
	e := <-s.events
	return e.cost // ok: Unsubscribe sets events to nil after closing it (later receives block)
}

func (s *Sub) Unsubscribe() {
	close(s.events)
	s.events = nil
}
