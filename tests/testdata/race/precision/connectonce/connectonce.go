// Package connectonce: a connect loop that tries servers until a handshake starts the read loop, then stops.
// The handshake is a callee that returns nil on every way after its go statement, and the loop leaves on nil:
// one reader per connect, also where connect itself is called by a constructor that starts goroutines of its own.
package connectonce

import (
	"errors"
	"sync"
)

type Options struct{ Servers []string }

// Conn is the shape of a client connection (nats' Options.Connect → connect → processConnectInit → go readLoop).
type Conn struct {
	mu      sync.Mutex
	servers []string
	reads   int
	status  int
	events  chan string
}

func (o Options) Connect() (*Conn, error) {
	c := &Conn{servers: o.Servers, events: make(chan string)}
	go c.dispatch()
	if err := c.connect(); err != nil {
		return nil, err
	}
	return c, nil
}

func (c *Conn) dispatch() {
	for e := range c.events {
		_ = e
	}
}

func (c *Conn) connect() error {
	c.mu.Lock()
	defer c.mu.Unlock()
	var err error
	for i := 0; i < len(c.servers); i++ {
		if err = c.dial(c.servers[i]); err == nil {
			err = c.handshake()
			if err == nil {
				break
			} else {
				c.mu.Unlock()
				c.close()
				c.mu.Lock()
			}
		}
	}
	return err
}

func (c *Conn) dial(s string) error {
	if s == "" {
		return errors.New("empty server address")
	}
	return nil
}

func (c *Conn) close() {
	c.mu.Lock()
	c.status = 0
	c.mu.Unlock()
}

// handshake fails only before it starts the reader.
func (c *Conn) handshake() error {
	if c.status < 0 {
		return errors.New("closed")
	}
	c.status = 1
	go c.readLoop()
	return nil
}

func (c *Conn) readLoop() {
	for i := 0; i < 10; i++ {
		c.reads++
	}
}

// Racy twin: the handshake can fail after it started the reader, and the loop then tries the next server, starting
// a second reader while the first still runs.
type Conn2 struct {
	mu      sync.Mutex
	servers []string
	reads   int
	status  int
	events  chan string
}

func (o Options) Connect2() (*Conn2, error) {
	c := &Conn2{servers: o.Servers, events: make(chan string)}
	go c.dispatch()
	if err := c.connect(); err != nil {
		return nil, err
	}
	return c, nil
}

func (c *Conn2) dispatch() {
	for e := range c.events {
		_ = e
	}
}

func (c *Conn2) connect() error {
	c.mu.Lock()
	defer c.mu.Unlock()
	var err error
	for i := 0; i < len(c.servers); i++ {
		if err = c.dial(c.servers[i]); err == nil {
			err = c.handshake()
			if err == nil {
				break
			}
		}
	}
	return err
}

func (c *Conn2) dial(s string) error {
	if s == "" {
		return errors.New("empty server address")
	}
	return nil
}

func (c *Conn2) handshake() error {
	if c.status < 0 {
		return errors.New("closed")
	}
	c.status = 1
	go c.readLoop()
	if c.status > 1 {
		return errors.New("server refused")
	}
	return nil
}

func (c *Conn2) readLoop() {
	for i := 0; i < 10; i++ {
		c.reads++ // want `data race: c.reads written by the goroutine started at connectonce.go:137; written at connectonce.go:146 concurrently by another instance of the same goroutine`
	}
}

// Racy twin: the loop goes on after a successful handshake (it connects to every server), one reader per server.
type Conn3 struct {
	mu      sync.Mutex
	servers []string
	reads   int
	events  chan string
}

func (o Options) Connect3() (*Conn3, error) {
	c := &Conn3{servers: o.Servers, events: make(chan string)}
	go c.dispatch()
	if err := c.connect(); err != nil {
		return nil, err
	}
	return c, nil
}

func (c *Conn3) dispatch() {
	for e := range c.events {
		_ = e
	}
}

func (c *Conn3) connect() error {
	var err error
	for i := 0; i < len(c.servers); i++ {
		err = c.handshake()
		if err != nil {
			break
		}
	}
	return err
}

func (c *Conn3) handshake() error {
	go c.readLoop()
	return nil
}

func (c *Conn3) readLoop() {
	for i := 0; i < 10; i++ {
		c.reads++ // want `data race: c.reads written by the goroutine started at connectonce.go:185; written at connectonce.go:191 concurrently by another instance of the same goroutine`
	}
}
