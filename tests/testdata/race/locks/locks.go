// Package locks: locksets with sync.Mutex and sync.RWMutex, deferred unlocks,
// helper methods, locks held across calls, and lock paths.
package locks

import "sync"

type Counter struct {
	mu sync.Mutex
	n  int
}

func (c *Counter) Inc() {
	c.mu.Lock()
	c.n++
	c.mu.Unlock()
}

func (c *Counter) IncDefer() {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.n++
}

func (c *Counter) IncUnlocked() {
	c.n++ // want `data race: c.n written without holding c.mu`
}

func (c *Counter) Get() int {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.n
}

func (c *Counter) Peek() int {
	return c.n // want `data race: c.n read without holding c.mu`
}

func UseLocked(c *Counter) int {
	go c.Inc()
	go c.IncDefer()
	return c.Get()
}

func UseUnlockedWrite(c *Counter) {
	go c.Inc()
	c.IncUnlocked()
}

func UsePeek(c *Counter) int {
	go c.IncDefer()
	return c.Peek()
}

// Two different mutexes do not protect the same variable.
type Two struct {
	a, b sync.Mutex
	n    int
}

func (t *Two) viaA() { t.a.Lock(); t.n++; t.a.Unlock() } // want `data race: t.n written without holding t.b`
func (t *Two) viaB() {
	t.b.Lock()
	t.n++
	t.b.Unlock()
}

func UseTwo(t *Two) {
	go t.viaA()
	t.viaB()
}

// Helper methods that lock and unlock for their callers.
type Store struct {
	mu   sync.Mutex
	data map[string]int
}

func (s *Store) lock()   { s.mu.Lock() }
func (s *Store) unlock() { s.mu.Unlock() }

func (s *Store) Put(k string, v int) {
	s.lock()
	s.data[k] = v
	s.unlock()
}

func (s *Store) PutRacy(k string, v int) {
	s.data[k] = v // want `data race: s.data\[k\] written without holding s.mu`
}

func UseStore(s *Store) {
	go s.Put("a", 1)
	s.Put("b", 2)
}

func UseStoreRacy(s *Store) {
	go s.Put("a", 1)
	s.PutRacy("b", 2)
}

// A lock held across a call protects the callee's accesses.
type Acct struct {
	mu  sync.Mutex
	bal int
}

func (a *Acct) add(d int) { a.bal += d }

func (a *Acct) Deposit(d int) {
	a.mu.Lock()
	a.add(d)
	a.mu.Unlock()
}

func (a *Acct) DepositRacy(d int) {
	a.add(d) // want `data race: a.bal written without holding a.mu`
}

func UseAcct(a *Acct) {
	go a.Deposit(1)
	a.Deposit(2)
}

func UseAcctRacy(a *Acct) {
	go a.Deposit(1)
	a.DepositRacy(2)
}

// RWMutex: readers under RLock do not race with each other; a writer under RLock does.
type Cache struct {
	mu sync.RWMutex
	m  map[string]string
	hits int
}

func (c *Cache) Get(k string) string {
	c.mu.RLock()
	defer c.mu.RUnlock()
	return c.m[k]
}

func (c *Cache) Set(k, v string) {
	c.mu.Lock()
	c.m[k] = v
	c.mu.Unlock()
}

func (c *Cache) CountHit() {
	c.mu.RLock()
	c.hits++ // want `data race: c.hits written`
	c.mu.RUnlock()
}

func UseCache(c *Cache) string {
	go c.Set("a", "b")
	go c.Get("a")
	return c.Get("b")
}

func UseCacheHits(c *Cache) {
	go c.CountHit()
	c.CountHit()
}

// Embedded mutex: c.Lock() locks the embedded field.
type Embedded struct {
	sync.Mutex
	n int
}

func (e *Embedded) Inc() {
	e.Lock()
	e.n++
	e.Unlock()
}

func (e *Embedded) Racy() {
	e.n = 0 // want `data race: e.n written without holding e.Mutex`
}

func UseEmbedded(e *Embedded) {
	go e.Inc()
	e.Inc()
}

func UseEmbeddedRacy(e *Embedded) {
	go e.Inc()
	e.Racy()
}

// A lock released on one path only.
var (
	gmu   sync.Mutex
	gdata []int
)

func appendMaybe(x int) {
	gmu.Lock()
	if x > 0 {
		gmu.Unlock()
		gdata = append(gdata, x) // want `data race: gdata(\[len\(gdata\)\])? written without holding gmu`
		return
	}
	gdata = append(gdata, -x)
	gmu.Unlock()
}

func UseAppend() {
	go appendMaybe(1)
	go appendMaybe(-1)
}

func appendLocked(x int) {
	gmu.Lock()
	defer gmu.Unlock()
	if x > 0 {
		gdata = append(gdata, x)
		return
	}
	gdata = append(gdata, -x)
}

func UseAppendLocked() {
	go appendLocked(1)
	go appendLocked(-1)
}

// Locks in a loop.
func LoopLocked(xs []int) int {
	var mu sync.Mutex
	sum := 0
	var wg sync.WaitGroup
	for _, x := range xs {
		wg.Add(1)
		go func() {
			defer wg.Done()
			mu.Lock()
			defer mu.Unlock()
			sum += x
		}()
	}
	wg.Wait()
	return sum
}

func LoopUnlockedRead(xs []int) int {
	var mu sync.Mutex
	sum := 0
	var wg sync.WaitGroup
	for _, x := range xs {
		wg.Add(1)
		go func() {
			defer wg.Done()
			mu.Lock()
			sum += x
			mu.Unlock()
		}()
		if sum > 100 { // want `data race: sum read without holding mu`
			break
		}
	}
	wg.Wait()
	return sum
}

// The same lock variable reached through different paths.
type Server struct {
	mu    sync.Mutex
	conns map[int]bool
}

func (s *Server) add(id int) {
	s.mu.Lock()
	s.conns[id] = true
	s.mu.Unlock()
}

func (s *Server) remove(id int) {
	s.mu.Lock()
	delete(s.conns, id)
	s.mu.Unlock()
}

func (s *Server) count() int {
	return len(s.conns) // want `data race: s.conns\[.*\] read without holding s.mu|data race: s.conns read`
}

func Serve(s *Server) int {
	go s.add(1)
	go s.remove(2)
	return s.count()
}

func ServeLocked(s *Server) int {
	go s.add(1)
	go s.remove(2)
	s.mu.Lock()
	defer s.mu.Unlock()
	return len(s.conns)
}

// Lock order differs between goroutines: still no race, both hold mu.
var orderMu sync.Mutex
var orderN int

func first()  { orderMu.Lock(); orderN++; orderMu.Unlock() }
func second() { orderMu.Lock(); orderN--; orderMu.Unlock() }

func UseOrder() {
	go first()
	go second()
}
