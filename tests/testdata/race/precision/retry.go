package precision

import (
	"errors"
	"net"
	"sync"
)

// Client tries each server until one connection is set up; setting up starts
// the reader and returns nil, and the loop stops right there: no later
// iteration rewrites the reader's state while it runs.
type Client struct {
	mu      sync.Mutex
	servers []string
	current string
	conn    net.Conn
	buf     []byte
	ready   int
}

func (c *Client) createConn() error {
	conn, err := net.Dial("tcp", c.current)
	if err != nil {
		return err
	}
	c.conn = conn
	c.buf = make([]byte, 4096)
	return nil
}

func (c *Client) setup() error {
	if c.conn == nil {
		return errors.New("no connection")
	}
	go c.readLoop()
	return nil
}

func (c *Client) readLoop() {
	for {
		n, err := c.conn.Read(c.buf)
		if err != nil {
			return
		}
		c.buf = c.buf[:n]
	}
}

func (c *Client) Connect() error {
	c.mu.Lock()
	defer c.mu.Unlock()
	var err error
	for i := 0; i < len(c.servers); i++ {
		c.current = c.servers[i]
		if err = c.createConn(); err == nil {
			err = c.setup()
			if err == nil {
				c.ready++
				break
			}
		}
	}
	return err
}

// Probe starts a watcher for every server it reaches and goes on: the next
// iteration's dial rewrites the buffer the earlier watcher reads.
type Probe struct {
	servers []string
	current string
	conn    net.Conn
	buf     []byte
}

func (p *Probe) dial() error {
	conn, err := net.Dial("tcp", p.current)
	if err != nil {
		return err
	}
	p.conn = conn
	p.buf = make([]byte, 512)
	return nil
}

func (p *Probe) watch() error {
	go func() { _, _ = p.conn.Read(p.buf) }()
	return nil
}

func (p *Probe) All() {
	for i := 0; i < len(p.servers); i++ {
		p.current = p.servers[i]
		if err := p.dial(); err != nil { // want `data race: p.conn written in Probe.All while the goroutine runs`
			continue
		}
		if err := p.watch(); err == nil {
			continue
		}
	}
}
