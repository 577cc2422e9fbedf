package variants

import "sync"

type Conn struct {
	mu     sync.Mutex
	peer   *Point
	closed bool
	onData func([]byte)
}

// Peer returns nil once the connection is closed.
func (c *Conn) Peer() *Point {
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.closed {
		return nil
	}
	return c.peer
}

func PeerX1(c *Conn) int { return c.Peer().X } // want `(?s)nil panic: c.Peer\(\) may be nil.*nil returned from \(\*variants.Conn\).Peer`
func PeerX2(c *Conn) int {
	p := c.Peer()
	if p == nil {
		return -1
	}
	return p.X // ok
}
func PeerX3(c *Conn) int {
	if p := c.Peer(); p != nil && p.X > 0 {
		return p.X // ok
	}
	return 0
}
func PeerX4(c *Conn) int {
	p := c.Peer()
	if p != nil || c.closed {
		return p.Y // want `(?s)nil panic: p may be nil`
	}
	return 0
}
func PeerX5(c *Conn) int {
	p := c.Peer()
	for p == nil {
		p = &Point{}
	}
	return p.X // ok
}
func PeerX6(c *Conn) int {
	p := c.Peer()
	switch {
	case p == nil:
		return p.X // want `(?s)nil panic: p may be nil`
	default:
		return p.Y // ok
	}
}
func PeerX7(conns []*Conn) int {
	sum := 0
	for _, c := range conns {
		p := c.Peer()
		if p == nil {
			break
		}
		sum += p.X // ok
	}
	return sum
}
func PeerX8(conns []*Conn) int {
	sum := 0
	for i := range conns {
		sum += conns[i].Peer().Y // want `(?s)nil panic: conns\[i\].Peer\(\) may be nil`
	}
	return sum
}

func Emit(c *Conn, b []byte) {
	c.onData(b) // ok: a field's nil is followed into the type's methods (through the receiver), not into functions
}

func EmitChecked(c *Conn, b []byte) {
	if c.onData != nil {
		c.onData(b) // ok
	}
}

func NewConn() *Conn { return &Conn{peer: &Point{}} }

func EmitFresh(b []byte) {
	c := NewConn()
	c.onData(b) // ok: fields of a value returned by a constructor are followed only into the type's methods
}

func EmitLiteral(b []byte) {
	c := &Conn{peer: &Point{}}
	c.onData(b) // want `(?s)nil panic: c.onData may be nil.*field onData of c is not set.*nil function called`
}

func DoubleNil() (int, int) {
	var a, b *Point
	return a.X, b.Y // want `(?s)nil panic: a may be nil` `(?s)nil panic: b may be nil`
}

// The same field read by a method of Conn, through its receiver: the only constructor leaves
// onData nil and nothing ever sets it.
func (c *Conn) Emit(b []byte) {
	c.onData(b) // want `(?s)nil panic: c.onData may be nil.*returned by variants.NewConn with field onData nil.*field Conn.onData read in \(\*variants.Conn\).Emit.*nil function called`
}
