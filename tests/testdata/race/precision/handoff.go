// Package precision: shapes of real code that look racy to a lockset rule and
// are not, each beside a racy twin that must still be reported.
package precision

import (
	"net"
	"sync"
)

// Broker: Open locks b.lock and the dial goroutine it starts unlocks it when
// done (a lock hand-off), so the goroutine's writes hold b.lock like Send's reads.
type Broker struct {
	lock    sync.Mutex
	addr    string
	conn    net.Conn
	connErr error
}

func (b *Broker) Open() {
	b.lock.Lock()
	go func() {
		defer b.lock.Unlock()
		b.conn, b.connErr = net.Dial("tcp", b.addr)
		if b.connErr != nil {
			b.conn = nil
		}
	}()
}

func (b *Broker) Send(p []byte) error {
	b.lock.Lock()
	defer b.lock.Unlock()
	if b.conn == nil {
		return b.connErr
	}
	_, err := b.conn.Write(p)
	return err
}

func (b *Broker) Close() error {
	b.lock.Lock()
	defer b.lock.Unlock()
	b.connErr = net.ErrClosed
	return nil
}

// Handed: the goroutine unlocks the handed-off lock in the middle; what it
// writes after the unlock holds nothing.
type Handed struct {
	mu    sync.Mutex
	ready bool
	hits  int
}

func (h *Handed) Start() {
	h.mu.Lock()
	go func() {
		h.ready = true
		h.mu.Unlock()
		h.hits++ // want `data race: h.hits written without holding h.mu by the goroutine started at handoff.go:57`
	}()
}

func (h *Handed) Hits() int {
	h.mu.Lock()
	defer h.mu.Unlock()
	_ = h.ready
	return h.hits
}

func (h *Handed) Reset() {
	h.mu.Lock()
	h.ready = false
	h.hits = 0
	h.mu.Unlock()
}

// Dialer: the racy twin of Broker. The parent unlocks before the goroutine
// starts, so nothing is handed off.
type Dialer struct {
	lock sync.Mutex
	addr string
	conn net.Conn
}

func (d *Dialer) Open() {
	d.lock.Lock()
	d.addr = "localhost:1"
	d.lock.Unlock()
	go func() {
		c, _ := net.Dial("tcp", d.addr)
		d.conn = c // want `data race: d.conn written without holding d.lock by the goroutine started at handoff.go:90`
	}()
}

func (d *Dialer) Conn() net.Conn {
	d.lock.Lock()
	defer d.lock.Unlock()
	return d.conn
}

func (d *Dialer) Close() {
	d.lock.Lock()
	d.conn = nil
	d.lock.Unlock()
}
