package restartwait

import "sync"

// Client reconnects in a retry loop: an attempt that started the read loop and then failed sets waitForLoop, and the
// next attempt waits for that loop to end before it replaces the reader and starts another.
type Client struct {
	mu      sync.Mutex
	wg      sync.WaitGroup
	br      reader
	status  int
	servers []string
}

func (c *Client) start() error {
	c.wg.Add(1)
	go c.readLoop()
	return nil
}

func (c *Client) readLoop() {
	defer c.wg.Done()
	for c.br.read() == nil {
	}
}

func (c *Client) flushPending() error { return nil }

func (c *Client) Reconnect() {
	c.mu.Lock()
	waitForLoop := false
	for len(c.servers) > 0 {
		c.mu.Unlock()
		if waitForLoop {
			c.wg.Wait()
			waitForLoop = false
		}
		c.mu.Lock()
		c.br = reader{n: 10}
		if err := c.start(); err != nil {
			continue
		}
		if err := c.flushPending(); err != nil {
			waitForLoop = true
			continue
		}
		c.status = 1
		c.mu.Unlock()
		return
	}
	c.mu.Unlock()
}

// Racy twin: one way on after the start does not set the flag, so the next attempt starts a second loop while the
// first still reads.
type Client2 struct {
	mu      sync.Mutex
	wg      sync.WaitGroup
	br      reader
	status  int
	servers []string
}

func (c *Client2) start() error {
	c.wg.Add(1)
	go c.readLoop()
	return nil
}

func (c *Client2) readLoop() {
	defer c.wg.Done()
	for c.br.read() == nil { // want `data race: c.br.off written by the goroutine started at retryloop.go:66; written at retryloop.go:72 \(inside the call, at restartwait.go:11\) concurrently by another instance of the same goroutine`
	}
}

func (c *Client2) flushPending() error { return nil }

func (c *Client2) Reconnect() {
	c.mu.Lock()
	waitForLoop := false
	for len(c.servers) > 0 {
		c.mu.Unlock()
		if waitForLoop {
			c.wg.Wait()
			waitForLoop = false
		}
		c.mu.Lock()
		c.br = reader{n: 10}
		if err := c.start(); err != nil {
			continue
		}
		if c.status == 3 {
			continue
		}
		if err := c.flushPending(); err != nil {
			waitForLoop = true
			continue
		}
		c.status = 1
		c.mu.Unlock()
		return
	}
	c.mu.Unlock()
}
