package order

import "sync"

var now = func() int { return 0 }

// A background goroutine works under the lock only while the cache is open; Close sets the flag under the
// same lock: after Close, the goroutine's accesses are over.
type Cache struct {
	mu     sync.Mutex
	closed bool
	items  map[string]int
}

func (c *Cache) cleaner(tick <-chan int) {
	for range tick {
		c.mu.Lock()
		if c.closed || len(c.items) == 0 {
			c.mu.Unlock()
			return
		}
		c.items["t"] = now()
		c.mu.Unlock()
	}
}

func (c *Cache) Close() {
	c.mu.Lock()
	c.closed = true
	c.mu.Unlock()
}

func RunCacheClosed(c *Cache, tick <-chan int) {
	go c.cleaner(tick)
	c.Close()
	now = nil
}

// The write comes before Close: the goroutine may be reading.
func RunCacheWriteFirst(c *Cache, tick <-chan int) {
	go c.cleaner(tick)
	now = nil // want `data race: now written without holding c.mu in RunCacheWriteFirst while the goroutine runs`
	c.Close()
}

// The goroutine lets go of the lock between its check and its access.
type Cache2 struct {
	mu     sync.Mutex
	closed bool
	items  map[string]int
}

func (c *Cache2) cleaner(tick <-chan int) {
	for range tick {
		c.mu.Lock()
		if c.closed {
			c.mu.Unlock()
			return
		}
		c.mu.Unlock()
		c.mu.Lock()
		c.items["t"] = now()
		c.mu.Unlock()
	}
}

func (c *Cache2) Close() {
	c.mu.Lock()
	c.closed = true
	c.mu.Unlock()
}

func RunCache2Closed(c *Cache2, tick <-chan int) {
	go c.cleaner(tick)
	c.Close()
	now = nil // want `data race: now written without holding c.mu in RunCache2Closed while the goroutine runs`
}

// The cache can be reopened: a closed flag seen false says nothing about the order.
type Cache3 struct {
	mu     sync.Mutex
	closed bool
	items  map[string]int
}

func (c *Cache3) cleaner(tick <-chan int) {
	for range tick {
		c.mu.Lock()
		if c.closed {
			c.mu.Unlock()
			return
		}
		c.items["t"] = now()
		c.mu.Unlock()
	}
}

func (c *Cache3) Close() {
	c.mu.Lock()
	c.closed = true
	c.mu.Unlock()
}

func (c *Cache3) Reopen() {
	c.mu.Lock()
	c.closed = false
	c.mu.Unlock()
}

func RunCache3Reopened(c *Cache3, tick <-chan int) {
	go c.cleaner(tick)
	c.Close()
	c.Reopen()
	now = nil // want `data race: now written without holding c.mu in RunCache3Reopened while the goroutine runs`
}

// The cache is private to each round (made, used and closed inside the round's function): the flag and the
// lock are out of the caller's view, and the round closes it on every way it returns after the start.
func newCache() *Cache { return &Cache{items: map[string]int{}} }

func RunRounds(ticks []chan int) {
	defer func() { now = func() int { return 1 } }()
	for _, tick := range ticks {
		now = func() int { return 2 }
		func() {
			c := newCache()
			defer c.Close()
			go c.cleaner(tick)
		}()
	}
}

// The round closes the cache only on some paths.
func RunRoundsSometimesClosed(ticks []chan int, keep bool) {
	for _, tick := range ticks {
		now = func() int { return 2 } // want `data race: now written in RunRoundsSometimesClosed while the goroutine runs`
		func() {
			c := newCache()
			go c.cleaner(tick)
			if !keep {
				c.Close()
			}
		}()
	}
}
