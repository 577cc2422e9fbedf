package recall

import (
	"errors"
	"net"
	"sync"
	"time"
)

// pipeConn: an in-memory net.Conn. SetReadDeadline stores the deadline
// channel a blocked Read waits on; net.Conn lets another goroutine call it
// while Read blocks.
type pipeConn struct {
	in       chan []byte
	out      chan []byte
	deadline <-chan time.Time
	timer    *time.Timer
	closed   chan struct{}
}

var errTimeout = errors.New("timeout")

func (c *pipeConn) Read(b []byte) (int, error) {
	select {
	case p := <-c.in:
		return copy(b, p), nil
	case <-c.deadline:
		return 0, errTimeout
	case <-c.closed:
		return 0, net.ErrClosed
	}
}

func (c *pipeConn) Write(b []byte) (int, error) {
	c.out <- append([]byte(nil), b...)
	return len(b), nil
}

func (c *pipeConn) Close() error                       { close(c.closed); return nil }
func (c *pipeConn) LocalAddr() net.Addr                { return nil }
func (c *pipeConn) RemoteAddr() net.Addr               { return nil }
func (c *pipeConn) SetDeadline(t time.Time) error      { return c.SetReadDeadline(t) }
func (c *pipeConn) SetWriteDeadline(t time.Time) error { return nil }

func (c *pipeConn) SetReadDeadline(t time.Time) error {
	if c.timer == nil {
		c.timer = time.NewTimer(time.Until(t))
	} else {
		c.timer.Reset(time.Until(t))
	}
	c.deadline = c.timer.C // want `data race: c.deadline written in pipeConn.SetReadDeadline; read at conn.go:27 in pipeConn.Read \(pipeConn implements net.Conn`
	return nil
}

// lockedConn: the twin that guards the deadline with a mutex.
type lockedConn struct {
	mu       sync.Mutex
	in       chan []byte
	deadline time.Time
}

func (c *lockedConn) Read(b []byte) (int, error) {
	c.mu.Lock()
	d := c.deadline
	c.mu.Unlock()
	select {
	case p := <-c.in:
		return copy(b, p), nil
	case <-time.After(time.Until(d)):
		return 0, errTimeout
	}
}

func (c *lockedConn) Write(b []byte) (int, error)        { return len(b), nil }
func (c *lockedConn) Close() error                       { return nil }
func (c *lockedConn) LocalAddr() net.Addr                { return nil }
func (c *lockedConn) RemoteAddr() net.Addr               { return nil }
func (c *lockedConn) SetDeadline(t time.Time) error      { return c.SetReadDeadline(t) }
func (c *lockedConn) SetWriteDeadline(t time.Time) error { return nil }

func (c *lockedConn) SetReadDeadline(t time.Time) error {
	c.mu.Lock()
	c.deadline = t
	c.mu.Unlock()
	return nil
}

// reader: not a net.Conn (no deadlines): nothing says its methods run at once.
type reader struct {
	buf  []byte
	last int
}

func (r *reader) Read(b []byte) (int, error)  { n := copy(b, r.buf); r.last = n; return n, nil }
func (r *reader) Write(b []byte) (int, error) { r.buf = append(r.buf, b...); return len(b), nil }
func (r *reader) Close() error                { r.buf = nil; return nil }

// tlsLike: Read and Write share handshake state under their own locks deep
// in the protocol; the contract's rule pairs Read and Write only with Close
// and the deadline setters: not reported.
type tlsLike struct {
	in, out   sync.Mutex
	handshake sync.Mutex
	done      bool
	vers      uint16
}

func (c *tlsLike) doHandshake() {
	c.handshake.Lock()
	defer c.handshake.Unlock()
	if !c.done {
		c.vers = 3
		c.done = true
	}
}

func (c *tlsLike) Read(b []byte) (int, error) {
	c.doHandshake()
	c.in.Lock()
	defer c.in.Unlock()
	return int(c.vers), nil
}

func (c *tlsLike) Write(b []byte) (int, error) {
	c.doHandshake()
	c.out.Lock()
	defer c.out.Unlock()
	return len(b), nil
}

func (c *tlsLike) Close() error                       { return nil }
func (c *tlsLike) LocalAddr() net.Addr                { return nil }
func (c *tlsLike) RemoteAddr() net.Addr               { return nil }
func (c *tlsLike) SetDeadline(t time.Time) error      { return nil }
func (c *tlsLike) SetReadDeadline(t time.Time) error  { return nil }
func (c *tlsLike) SetWriteDeadline(t time.Time) error { return nil }
