// Package patterns: races as they appear in service code, each with a fixed twin.
package patterns

import (
	"sync"
	"sync/atomic"
	"time"
)

// Worker pool writing results into a shared map.
func PoolMap(jobs []string) map[string]int {
	res := make(map[string]int)
	var wg sync.WaitGroup
	for _, j := range jobs {
		wg.Add(1)
		go func() {
			defer wg.Done()
			res[j] = len(j) // want `data race: res\[j\] written`
		}()
	}
	wg.Wait()
	return res
}

func PoolMapLocked(jobs []string) map[string]int {
	res := make(map[string]int)
	var mu sync.Mutex
	var wg sync.WaitGroup
	for _, j := range jobs {
		wg.Add(1)
		go func() {
			defer wg.Done()
			mu.Lock()
			defer mu.Unlock()
			res[j] = len(j)
		}()
	}
	wg.Wait()
	return res
}

// Results sent back over a channel instead of shared.
func PoolChannel(jobs []string) map[string]int {
	type kv struct {
		k string
		v int
	}
	ch := make(chan kv)
	for _, j := range jobs {
		go func() { ch <- kv{j, len(j)} }()
	}
	res := make(map[string]int)
	for range jobs {
		r := <-ch
		res[r.k] = r.v
	}
	return res
}

// A stats struct updated by request goroutines.
type Stats struct {
	mu       sync.Mutex
	requests int
	errors   int
	latency  time.Duration
}

func (s *Stats) Observe(d time.Duration, failed bool) {
	s.mu.Lock()
	s.requests++
	s.latency += d
	s.mu.Unlock()
	if failed {
		s.errors++ // want `data race: s.errors written`
	}
}

func (s *Stats) Snapshot() (int, int) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.requests, s.errors
}

func Serve(s *Stats, n int) {
	for i := 0; i < n; i++ {
		go s.Observe(time.Millisecond, i%2 == 0)
	}
}

// A config reloaded in the background and read by handlers.
type Config struct{ Limit int }

type App struct {
	cfg *Config
	mu  sync.RWMutex
}

func (a *App) reload() {
	a.cfg = &Config{Limit: 10}
}

func (a *App) limit() int {
	return a.cfg.Limit
}

func Run(a *App) int {
	go func() {
		for {
			a.reload() // want `data race: a.cfg written`
			time.Sleep(time.Second)
		}
	}()
	return a.limit()
}

func (a *App) reloadLocked() {
	a.mu.Lock()
	a.cfg = &Config{Limit: 10}
	a.mu.Unlock()
}

func (a *App) limitLocked() int {
	a.mu.RLock()
	defer a.mu.RUnlock()
	return a.cfg.Limit
}

func RunLocked(a *App) int {
	go a.reloadLocked()
	return a.limitLocked()
}

// An atomic.Pointer swapped by the reloader.
type AtomicApp struct{ cfg atomic.Pointer[Config] }

func RunAtomic(a *AtomicApp) int {
	go a.cfg.Store(&Config{Limit: 3})
	return a.cfg.Load().Limit
}

// Lazy initialization without sync.Once.
type Client struct{ conn *int }

func (c *Client) get() *int {
	if c.conn == nil {
		v := 1
		c.conn = &v // want `data race: c.conn written`
	}
	return c.conn
}

func UseClient(c *Client) {
	go c.get()
	go c.get()
}

type OnceClient struct {
	once sync.Once
	conn *int
}

func (c *OnceClient) get() *int {
	c.once.Do(func() {
		v := 1
		c.conn = &v
	})
	return c.conn
}

func UseOnceClient(c *OnceClient) {
	go c.get()
	go c.get()
}

// A closed flag checked without synchronization.
type Conn struct {
	closed bool
	mu     sync.Mutex
}

func (c *Conn) Close() { c.closed = true } // want `data race: c.closed written`
func (c *Conn) Write() bool {
	return !c.closed
}

func UseConn(c *Conn) bool {
	go c.Close()
	return c.Write()
}

func (c *Conn) CloseLocked() {
	c.mu.Lock()
	c.closed = true
	c.mu.Unlock()
}

func (c *Conn) WriteLocked() bool {
	c.mu.Lock()
	defer c.mu.Unlock()
	return !c.closed
}

func UseConnLocked(c *Conn) bool {
	go c.CloseLocked()
	return c.WriteLocked()
}

// Fan-out / fan-in with a WaitGroup and per-goroutine slots.
func FanOut(inputs []int) []int {
	out := make([]int, len(inputs))
	var wg sync.WaitGroup
	for i, v := range inputs {
		wg.Add(1)
		go func() {
			defer wg.Done()
			out[i] = v * v
		}()
	}
	wg.Wait()
	return out
}

// First error wins... racily.
func FirstError(fs []func() error) error {
	var first error
	var wg sync.WaitGroup
	for _, f := range fs {
		wg.Add(1)
		go func() {
			defer wg.Done()
			if err := f(); err != nil && first == nil {
				first = err // want `data race: first written`
			}
		}()
	}
	wg.Wait()
	return first
}

func FirstErrorLocked(fs []func() error) error {
	var first error
	var mu sync.Mutex
	var wg sync.WaitGroup
	for _, f := range fs {
		wg.Add(1)
		go func() {
			defer wg.Done()
			if err := f(); err != nil {
				mu.Lock()
				if first == nil {
					first = err
				}
				mu.Unlock()
			}
		}()
	}
	wg.Wait()
	return first
}

// A ticker goroutine updating a timestamp read by the caller.
type Heartbeat struct{ last time.Time }

func (h *Heartbeat) Start(stop chan struct{}) {
	go func() {
		for {
			select {
			case <-stop:
				return
			case t := <-time.After(time.Second):
				h.last = t // want `data race: h.last written`
			}
		}
	}()
}

func (h *Heartbeat) Age() time.Duration { return time.Since(h.last) }

func UseHeartbeat(h *Heartbeat, stop chan struct{}) time.Duration {
	h.Start(stop)
	return h.Age()
}

// Producer/consumer: the buffer is owned by whoever holds it.
func ProducerConsumer() int {
	ch := make(chan []int)
	go func() {
		buf := make([]int, 3)
		buf[0] = 1
		ch <- buf
	}()
	buf := <-ch
	buf[1] = 2
	return buf[0]
}

// Counters kept per goroutine and summed at the end.
func PerGoroutineCounters(n int) int {
	counts := make([]int, n)
	var wg sync.WaitGroup
	for i := 0; i < n; i++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for j := 0; j < 10; j++ {
				counts[i]++
			}
		}()
	}
	wg.Wait()
	sum := 0
	for _, c := range counts {
		sum += c
	}
	return sum
}

// One shared counter updated in a loop inside each goroutine.
func SharedCounterInLoop(n int) int {
	count := 0
	var wg sync.WaitGroup
	for i := 0; i < n; i++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for j := 0; j < 10; j++ {
				count++ // want `data race: count written`
			}
		}()
	}
	wg.Wait()
	return count
}

// A cache map with a read path that forgets the lock.
type Cache struct {
	mu sync.Mutex
	m  map[string][]byte
}

func (c *Cache) Put(k string, v []byte) {
	c.mu.Lock()
	c.m[k] = v
	c.mu.Unlock()
}

func (c *Cache) Get(k string) []byte {
	return c.m[k] // want `data race: c.m\[k\] read without holding c.mu`
}

func UseCache(c *Cache) []byte {
	go c.Put("a", nil)
	return c.Get("a")
}

// Retry loop writing the attempt count that a logger goroutine reads.
func RetryWithLogger(f func() error) {
	attempts := 0
	go func() {
		for {
			time.Sleep(time.Second)
			println(attempts)
		}
	}()
	for f() != nil {
		attempts++ // want `data race: attempts written in RetryWithLogger`
	}
}
