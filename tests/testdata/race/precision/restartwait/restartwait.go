package restartwait

import (
	"errors"
	"sync"
)

type reader struct{ off, n int }

func (r *reader) read() error {
	r.off++ // want `data race: c.br.off written without holding c.mu in Conn2.readLoop while the goroutine runs; c.br written at restartwait.go:103 holding c.mu by the goroutine started at restartwait.go:97`
	if r.off > r.n {
		return errors.New("eof")
	}
	return nil
}

// Conn restarts its read loop after a failure: the reconnecting goroutine first waits for the old loop to end.
type Conn struct {
	mu     sync.Mutex
	wg     sync.WaitGroup
	br     reader
	status int
}

func (c *Conn) Connect() {
	c.mu.Lock()
	c.br = reader{n: 10}
	c.start()
	c.mu.Unlock()
}

func (c *Conn) start() {
	c.wg.Add(1)
	go c.readLoop()
}

func (c *Conn) readLoop() {
	defer c.wg.Done()
	for {
		if err := c.br.read(); err != nil {
			c.opErr()
			return
		}
	}
}

func (c *Conn) opErr() {
	c.mu.Lock()
	c.status = 2
	go c.reconnect()
	c.mu.Unlock()
}

func (c *Conn) reconnect() {
	c.wg.Wait()
	c.mu.Lock()
	c.br = reader{n: 10}
	c.status = 1
	c.start()
	c.mu.Unlock()
}

// Racy twin: the reconnecting goroutine does not wait for the old loop before it replaces the reader.
type Conn2 struct {
	mu     sync.Mutex
	wg     sync.WaitGroup
	br     reader
	status int
}

func (c *Conn2) Connect() {
	c.mu.Lock()
	c.br = reader{n: 10}
	c.start()
	c.mu.Unlock()
}

func (c *Conn2) start() {
	c.wg.Add(1)
	go c.readLoop()
}

func (c *Conn2) readLoop() {
	defer c.wg.Done()
	for {
		if err := c.br.read(); err != nil {
			c.opErr()
			return
		}
	}
}

func (c *Conn2) opErr() {
	c.mu.Lock()
	c.status = 2
	go c.reconnect()
	c.mu.Unlock()
}

func (c *Conn2) reconnect() {
	c.mu.Lock()
	c.br = reader{n: 10}
	c.status = 1
	c.start()
	c.mu.Unlock()
}

// Racy twin: the loop calls Done itself before its last write, not deferred at its end: the waiting goroutine
// may run alongside that write.
type Conn3 struct {
	mu     sync.Mutex
	wg     sync.WaitGroup
	br     reader
	status int
}

func (c *Conn3) Connect() {
	c.mu.Lock()
	c.br = reader{n: 10}
	c.start()
	c.mu.Unlock()
}

func (c *Conn3) start() {
	c.wg.Add(1)
	go c.readLoop()
}

func (c *Conn3) readLoop() {
	for {
		if err := c.br.read(); err != nil {
			c.wg.Done()
			c.opErr()
			c.br.off = 0 // want `data race: c.br.off written without holding c.mu in Conn3.readLoop while the goroutine runs; c.br written at restartwait.go:151 holding c.mu by the goroutine started at restartwait.go:144`
			return
		}
	}
}

func (c *Conn3) opErr() {
	c.mu.Lock()
	c.status = 2
	go c.reconnect()
	c.mu.Unlock()
}

func (c *Conn3) reconnect() {
	c.wg.Wait()
	c.mu.Lock()
	c.br = reader{n: 10}
	c.status = 1
	c.start()
	c.mu.Unlock()
}
