// Package guarded: lock discipline inferred from a type's own methods, with no
// goroutine in the package. A struct with a mutex is meant to be used by several
// goroutines at once; a field its methods access holding the mutex (a write among
// those accesses, and more often held than not) is guarded by it, and an access
// by another method without any lock races with the guarded ones.
package guarded

import (
	"sync"
	"sync/atomic"
)

// Counter: Get forgets the lock that Inc and Add take.
type Counter struct {
	mu sync.Mutex
	n  int
}

func (c *Counter) Inc() {
	c.mu.Lock()
	c.n++
	c.mu.Unlock()
}

func (c *Counter) Add(d int) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.n += d
}

func (c *Counter) Get() int {
	return c.n // want `data race: c.n read without holding c.mu in Counter.Get; written at guarded.go:21 holding it in Counter.Inc`
}

func (c *Counter) Reset() {
	c.n = 0 // want `data race: c.n written without holding c.mu in Counter.Reset`
}

// Registry: an embedded RWMutex, a map written under the write lock and read under the read lock.
type Registry struct {
	sync.RWMutex
	items map[string]int
	name  string
}

// NewRegistry fills fields before the registry is shared: a constructor is not a method.
func NewRegistry(name string) *Registry {
	r := &Registry{items: map[string]int{}}
	r.name = name
	r.items["self"] = 0
	return r
}

func (r *Registry) Put(k string, v int) {
	r.Lock()
	defer r.Unlock()
	r.items[k] = v
}

func (r *Registry) Get(k string) int {
	r.RLock()
	defer r.RUnlock()
	return r.items[k]
}

// Lookup reads through a helper, holding the read lock.
func (r *Registry) Lookup(k string) int {
	r.RLock()
	defer r.RUnlock()
	return r.get(k)
}

// Peek calls the same helper without the lock: the call is where the lock is missing.
func (r *Registry) Peek(k string) int {
	return r.get(k) // want `data race: r.items\[k\] read without holding r.RWMutex in Registry.Peek; written at guarded.go:57`
}

func (r *Registry) get(k string) int { return r.items[k] }

// Name reads a field only the constructor writes: nothing to guard.
func (r *Registry) Name() string { return r.name }

// Server: a goroutine the type starts writes a field its methods read under the lock.
type Server struct {
	mu       sync.Mutex
	requests int
	errors   int
	stop     chan struct{}
}

func (s *Server) Start() {
	go s.loop()
	go func() {
		<-s.stop
		s.errors++ // want `data race: s.errors written without holding s.mu by the goroutine started at guarded.go:93`
	}()
}

func (s *Server) loop() {
	for range s.stop {
		s.requests++ // want `data race: s.requests written without holding s.mu by the goroutine started at guarded.go:92`
	}
}

func (s *Server) Stats() (int, int) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.requests, s.errors
}

func (s *Server) Fail() {
	s.mu.Lock()
	s.errors++
	s.requests++
	s.mu.Unlock()
}

// Table: lazy initialization under the lock, then reads without it. Every write
// of the field happens in init, which every reader runs (and finishes) first.
type Table struct {
	mu      sync.Mutex
	version int
	data    []byte
}

func (t *Table) init() {
	t.mu.Lock()
	defer t.mu.Unlock()
	if t.version != 0 {
		return
	}
	t.version = 2
}

func (t *Table) Version() int {
	t.init()
	return t.version
}

func (t *Table) IsNew() bool {
	t.init()
	return t.version >= 2
}

// Cache: helpers called only with the lock held, and a *Locked method; a function
// passed to a locking helper runs under its lock.
type Cache struct {
	mu   sync.Mutex
	m    map[string]string
	hits int
}

func (c *Cache) Get(k string) string {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.hits++
	return c.lookup(k)
}

func (c *Cache) lookup(k string) string { return c.m[k] }

func (c *Cache) Set(k, v string) {
	withLock(&c.mu, func() { c.m[k] = v })
}

func (c *Cache) Hits() int {
	var n int
	withLock(&c.mu, func() { n = c.hits })
	return n
}

func (c *Cache) ClearLocked() {
	c.m = map[string]string{}
	c.hits = 0
}

func withLock(l sync.Locker, f func()) {
	l.Lock()
	defer l.Unlock()
	f()
}

// Gauge: atomics and plain fields without a mutex are not this rule's business.
type Gauge struct {
	mu    sync.Mutex
	value atomic.Int64
	peak  int64
}

func (g *Gauge) Set(v int64) {
	g.value.Store(v)
	g.mu.Lock()
	if v > g.peak {
		g.peak = v
	}
	g.mu.Unlock()
}

func (g *Gauge) Value() int64 { return g.value.Load() }

// Plain has no mutex: nothing says its methods run concurrently.
type Plain struct{ n int }

func (p *Plain) Inc()     { p.n++ }
func (p *Plain) Get() int { return p.n }

// Stats: a function passed to a locking helper runs under the helper's lock; the
// read side of an RWMutex (through RLocker) lets readers in together, not writers.
type Stats struct {
	mu sync.RWMutex
	n  map[string]int
}

func (s *Stats) Read(k string) (v int) {
	withLock(s.mu.RLocker(), func() { v = s.n[k] })
	return v
}

func (s *Stats) Write(k string) {
	withLock(&s.mu, func() { s.n[k]++ })
}

func (s *Stats) Bump(k string) {
	withLock(s.mu.RLocker(), func() { s.n[k]++ }) // want `data race: s.n\[k\] written by the goroutine started at guarded.go:230; read at guarded.go:215 \(inside the call, at guarded.go:215\) holding s.mu`
}

func Concurrently(s *Stats) {
	go s.Read("a")
	go s.Write("b")
	go s.Bump("c")
	go s.Bump("d")
}

// Cursor: Next holds the read side of closeMu only to keep a concurrent Close out
// while it fills its own buffer; a field written under nothing but a read side is
// not guarded by that lock, so Scan (same goroutine as Next) reading it is no finding.
type Cursor struct {
	closeMu sync.RWMutex
	closed  bool
	row     []string
}

func (c *Cursor) Next() bool {
	c.closeMu.RLock()
	defer c.closeMu.RUnlock()
	if c.closed {
		return false
	}
	c.row = append(c.row[:0], "x")
	return len(c.row) > 0
}

func (c *Cursor) Scan() string { return c.row[0] }

func (c *Cursor) Close() {
	c.closeMu.Lock()
	c.closed = true
	c.closeMu.Unlock()
}

// Facts: its author rules out concurrent calls of one method in its doc comment.
type Facts struct {
	mu sync.Mutex
	m  map[string]int
}

func (f *Facts) Add(k string) { f.mu.Lock(); f.m[k]++; f.mu.Unlock() }

func (f *Facts) Get(k string) int { f.mu.Lock(); defer f.mu.Unlock(); return f.m[k] }

// Dump is for debugging and must not be called concurrently with Add.
func (f *Facts) Dump() int { return len(f.m) }

// Unsafe is not safe for concurrent use: its mutex only orders a background flush.
type Unsafe struct {
	mu sync.Mutex
	n  int
}

func (u *Unsafe) Inc()     { u.mu.Lock(); u.n++; u.mu.Unlock() }
func (u *Unsafe) Get() int { return u.n }

// Session: Close writes the error under the lock before it closes the shutdown
// channel; Accept reads it without the lock only after receiving from it.
type Session struct {
	mu       sync.Mutex
	err      error
	shutdown chan struct{}
	streams  []int
	count    int
}

func (s *Session) Close(err error) {
	s.mu.Lock()
	if s.err == nil {
		s.err = err
	}
	s.mu.Unlock()
	close(s.shutdown)
}

func (s *Session) Fail(err error) {
	s.mu.Lock()
	s.err = err
	s.mu.Unlock()
}

// Accept is ordered after Close's write (through the channel), not after Fail's.
func (s *Session) Accept() error {
	<-s.shutdown
	return s.err // want `data race: s.err read without holding s.mu in Session.Accept; written at guarded.go:304 holding it in Session.Fail`
}

// Streams checks under the lock, then iterates after unlocking: the elements can
// change under it. Count reads a value it checked under the lock.
func (s *Session) Streams() int {
	s.mu.Lock()
	n := len(s.streams)
	s.mu.Unlock()
	total := 0
	for i := 0; i < n; i++ {
		total += s.streams[i] // want `data race: s.streams\[i\] read without holding s.mu in Session.Streams`
	}
	return total
}

func (s *Session) Add(v int) {
	s.mu.Lock()
	s.streams = append(s.streams, v)
	s.streams[0] = v
	s.count++
	s.mu.Unlock()
}

func (s *Session) Count() int {
	s.mu.Lock()
	ok := s.count > 0
	s.mu.Unlock()
	if !ok {
		return 0
	}
	return s.count
}

// Listener: Serve fills quit and then sets started, under the lock; Shutdown
// looks at started under the lock before it reads quit without it.
type Listener struct {
	lock    sync.Mutex
	started bool
	quit    chan struct{}
	addr    string
}

func (l *Listener) Serve(addr string) {
	l.lock.Lock()
	l.quit = make(chan struct{})
	l.addr = addr
	l.started = true
	l.lock.Unlock()
	<-l.quit
}

func (l *Listener) Shutdown() {
	l.lock.Lock()
	if !l.started {
		l.lock.Unlock()
		return
	}
	l.started = false
	l.lock.Unlock()
	close(l.quit)
}

func (l *Listener) Addr() string {
	return l.addr // want `data race: l.addr read without holding l.lock in Listener.Addr`
}

func (l *Listener) Rebind(addr string) {
	l.lock.Lock()
	l.addr = addr
	l.lock.Unlock()
}

// Flag: Close sets closed with sync/atomic, IsClosed reads it plainly.
type Flag struct {
	closed int32
	hits   int64
	name   string
}

func (f *Flag) Close() { atomic.StoreInt32(&f.closed, 1) }

func (f *Flag) IsClosed() bool {
	return f.closed == 1 // want `data race: f.closed read without sync/atomic in Flag.IsClosed; written at guarded.go:391 atomically in Flag.Close \(closed is accessed with sync/atomic at 1 place: Flag's methods run concurrently\)`
}

func (f *Flag) Hit() { atomic.AddInt64(&f.hits, 1) }

func (f *Flag) Hits() int64 { return atomic.LoadInt64(&f.hits) }

func (f *Flag) Name() string { return f.name }

// ready is stored with sync/atomic by Start's goroutine and read plainly by Ready.
var ready int32

var served int64

func Start() {
	go func() { atomic.StoreInt32(&ready, 1) }()
}

func Ready() bool {
	return ready == 1 // want `data race: ready read without sync/atomic in Ready; written at guarded.go:409 atomically in Start \(ready is accessed with sync/atomic at 1 place: it is shared between goroutines\)`
}

func Serve() { atomic.AddInt64(&served, 1) }

func Served() int64 { return atomic.LoadInt64(&served) }

func init() { served = 0 }

// Pool: Init prepares the value before it is shared, like a constructor.
type Pool struct {
	mu   sync.Mutex
	size int
}

func (p *Pool) Init(size int) *Pool {
	p.size = size
	return p
}

func (p *Pool) Grow() {
	p.mu.Lock()
	p.size++
	p.mu.Unlock()
}

func (p *Pool) Size() int {
	p.mu.Lock()
	defer p.mu.Unlock()
	return p.size
}

// Cleaner: its goroutine starts only while ch is nil, under the lock, and hands
// ch back (sets it nil under the lock) as its last touch: the goroutine's
// unlocked receive never overlaps the next start's write.
type Cleaner struct {
	mu sync.Mutex
	ch chan struct{}
	n  int
}

func (c *Cleaner) Kick() {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.n++
	if c.ch == nil {
		c.ch = make(chan struct{}, 1)
		go c.clean()
	}
}

func (c *Cleaner) clean() {
	for {
		<-c.ch
		c.mu.Lock()
		if c.n == 0 {
			c.ch = nil
			c.mu.Unlock()
			return
		}
		c.n--
		c.mu.Unlock()
	}
}
