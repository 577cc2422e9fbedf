package precision

import "sync/atomic"

type streamState uint32

const (
	streamActive streamState = iota
	streamWriteDone
	streamDone
)

// A stream closed by whichever side finishes first: the state swap lets one closer through.
type stream struct {
	state  streamState
	status int
}

func (s *stream) swapState(st streamState) streamState {
	return streamState(atomic.SwapUint32((*uint32)(&s.state), uint32(st)))
}

func (s *stream) compareAndSwapState(old, st streamState) bool {
	return atomic.CompareAndSwapUint32((*uint32)(&s.state), uint32(old), uint32(st))
}

func newStream(ended bool) *stream {
	s := &stream{}
	if ended {
		s.state = streamWriteDone // a new stream, not yet shared
	}
	return s
}

func closeStream(s *stream, code int) {
	if s.swapState(streamDone) == streamDone {
		return
	}
	s.status = code
}

func finishStream(s *stream, code int) {
	old := s.swapState(streamDone)
	if old == streamDone {
		return
	}
	s.status = code + 1
}

func halfClose(s *stream) {
	s.compareAndSwapState(streamActive, streamWriteDone)
}

func serveStream(ended bool) {
	s := newStream(ended)
	halfClose(s)
	go closeStream(s, 1)
	go finishStream(s, 2)
	closeStream(s, 3)
}

// Racy twin: a reset puts the state back, so a second closer passes the gate again.
type stream2 struct {
	state  streamState
	status int
}

func (s *stream2) swapState(st streamState) streamState {
	return streamState(atomic.SwapUint32((*uint32)(&s.state), uint32(st)))
}

func (s *stream2) reset() { s.swapState(streamActive) }

func closeStream2(s *stream2, code int) {
	if s.swapState(streamDone) == streamDone {
		return
	}
	s.status = code // want `data race: s.status written`
}

func serveStream2() {
	s := &stream2{}
	go closeStream2(s, 1)
	s.reset()
	closeStream2(s, 3)
}

// A connection closed once: the compare-and-swap from open to closed lets one caller through.
type gateConn struct {
	closed int32
	err    error
}

func (c *gateConn) Close(err error) {
	if atomic.CompareAndSwapInt32(&c.closed, 0, 1) {
		c.err = err
	}
}

func (c *gateConn) shutdown(err error) {
	if !atomic.CompareAndSwapInt32(&c.closed, 0, 1) {
		return
	}
	c.err = err
}

func runGateConn(c *gateConn, err error) {
	go c.Close(err)
	go c.shutdown(err)
	c.Close(nil)
}

// Racy twin: a load then a store is no gate (both callers may see 0).
type gateConn2 struct {
	closed int32
	err    error
}

func (c *gateConn2) Close(err error) {
	if atomic.LoadInt32(&c.closed) == 0 {
		atomic.StoreInt32(&c.closed, 1)
		c.err = err // want `data race: c.err written`
	}
}

func runGateConn2(c *gateConn2, err error) {
	go c.Close(err)
	c.Close(nil)
}

// Racy twin: the gate tests one connection, the write goes to another.
func closeOther(c, other *gateConn, err error) {
	if atomic.SwapInt32(&c.closed, 1) == 0 {
		other.err = err // want `data race: b.err written`
	}
}

func runCloseOther(a, b *gateConn) {
	go closeOther(a, b, nil)
	closeOther(b, b, nil)
}
