package recall

import (
	"strings"
	"sync"
)

// Table copies its map header under the lock and ranges over the copy after
// unlocking: the copy shares the elements Add writes under the lock.
type Table struct {
	sync.RWMutex
	items map[string]int
}

func (t *Table) Add(k string, v int) {
	t.Lock()
	t.items[k] = v
	t.Unlock()
}

func (t *Table) Get(k string) int {
	t.RLock()
	defer t.RUnlock()
	return t.items[k]
}

func (t *Table) Sum() int {
	t.RLock()
	items := t.items
	t.RUnlock()
	sum := 0
	for _, v := range items { // want `data race: t.items\[_\] read without holding t.RWMutex in Table.Sum`
		sum += v
	}
	return sum
}

func (t *Table) Count() int {
	items := t.items
	return len(items) // want `data race: t.items\[_\] read without holding t.RWMutex in Table.Count`
}

// SafeTable: the twin keeps the lock while it ranges over the copy.
type SafeTable struct {
	sync.RWMutex
	items map[string]int
}

func (t *SafeTable) Add(k string, v int) {
	t.Lock()
	t.items[k] = v
	t.Unlock()
}

func (t *SafeTable) Get(k string) int {
	t.RLock()
	defer t.RUnlock()
	return t.items[k]
}

func (t *SafeTable) Sum() int {
	t.RLock()
	defer t.RUnlock()
	items := t.items
	sum := 0
	for _, v := range items {
		sum += v
	}
	return sum
}

// bucket: an internal type (no exported methods). deletePrefix takes no lock
// itself, and BucketCache.DeletePrefix, which calls it, takes none either:
// callers' goroutines run it alongside set and clear.
type bucket struct {
	sync.RWMutex
	lookup map[string]string
}

func (b *bucket) set(k, v string) {
	b.Lock()
	b.lookup[k] = v
	b.Unlock()
}

func (b *bucket) clear() {
	b.Lock()
	b.lookup = map[string]string{}
	b.Unlock()
}

func (b *bucket) deleteFunc(match func(string) bool) int {
	n := len(b.lookup) // want `data race: b.lookup read without holding b.RWMutex in bucket.deletePrefix; written at aliasrange.go:88 holding it in bucket.clear`
	b.Lock()
	for k := range b.lookup {
		if match(k) {
			delete(b.lookup, k)
		}
	}
	b.Unlock()
	return n
}

func (b *bucket) deletePrefix(prefix string) int {
	return b.deleteFunc(func(k string) bool { return strings.HasPrefix(k, prefix) })
}

type BucketCache struct{ buckets []*bucket }

func (c *BucketCache) DeletePrefix(prefix string) int {
	n := 0
	for _, b := range c.buckets {
		n += b.deletePrefix(prefix)
	}
	return n
}

func (c *BucketCache) Set(k, v string) { c.buckets[len(k)%len(c.buckets)].set(k, v) }

// safeBucket: the twin counts under the lock.
type safeBucket struct {
	sync.RWMutex
	lookup map[string]string
}

func (b *safeBucket) set(k, v string) {
	b.Lock()
	b.lookup[k] = v
	b.Unlock()
}

func (b *safeBucket) deleteFunc(match func(string) bool) int {
	b.Lock()
	defer b.Unlock()
	n := len(b.lookup)
	for k := range b.lookup {
		if match(k) {
			delete(b.lookup, k)
		}
	}
	return n
}

func (b *safeBucket) deletePrefix(prefix string) int {
	return b.deleteFunc(func(k string) bool { return strings.HasPrefix(k, prefix) })
}

// ShardedCache picks a shard and calls its unexported accessors. metadata takes no
// lock and ShardedCache.Metadata, which calls it, takes none either: it runs
// alongside hit, which counts under the shard's lock.
type ShardedCache struct{ shards []*cacheShard }

type cacheShard struct {
	lock  sync.RWMutex
	stats map[uint64]uint32
}

func (s *cacheShard) hit(key uint64) {
	s.lock.Lock()
	s.stats[key]++
	s.lock.Unlock()
}

func (s *cacheShard) reset() {
	s.lock.Lock()
	s.stats = map[uint64]uint32{}
	s.lock.Unlock()
}

func (s *cacheShard) metadata(key uint64) uint32 {
	return s.stats[key] // want `data race: s.stats read without holding s.lock in cacheShard.metadata`
}

func (s *cacheShard) metadataLocked(key uint64) uint32 {
	return s.stats[key]
}

func (c *ShardedCache) Hit(key uint64) { c.shards[key%uint64(len(c.shards))].hit(key) }

func (c *ShardedCache) Metadata(key uint64) uint32 {
	return c.shards[key%uint64(len(c.shards))].metadata(key)
}

// SafeMetadata calls the helper holding the shard's lock: the helper is seen
// through it.
func (c *ShardedCache) SafeMetadata(key uint64) uint32 {
	s := c.shards[key%uint64(len(c.shards))]
	s.lock.RLock()
	defer s.lock.RUnlock()
	return s.metadataLocked(key)
}

// onEvict is the shard's callback, which it calls holding its lock; the
// owner's unexported handler reads through the helper: not reported.
type evictingShard struct {
	lock    sync.Mutex
	counts  map[uint64]int
	onEvict func(key uint64)
}

func (s *evictingShard) add(key uint64) {
	s.lock.Lock()
	s.counts[key]++
	s.lock.Unlock()
}

func (s *evictingShard) evict(key uint64) {
	s.lock.Lock()
	delete(s.counts, key)
	s.onEvict(key)
	s.lock.Unlock()
}

func (s *evictingShard) count(key uint64) int { return s.counts[key] }

type EvictingCache struct {
	shard *evictingShard
	last  int
}

func NewEvictingCache() *EvictingCache {
	c := &EvictingCache{shard: &evictingShard{counts: map[uint64]int{}}}
	c.shard.onEvict = c.evicted
	return c
}

func (c *EvictingCache) evicted(key uint64) { c.last = c.shard.count(key) }

func (c *EvictingCache) Add(key uint64) { c.shard.add(key) }

// manifest's close takes no lock; Open calls it on the value it has just
// created (on an error path), before anyone else has it: not reported.
type manifest struct {
	mu sync.Mutex
	fp *strings.Builder
}

func (m *manifest) add(s string) {
	m.mu.Lock()
	m.fp = &strings.Builder{}
	m.fp.WriteString(s)
	m.mu.Unlock()
}

func (m *manifest) rewrite() {
	m.mu.Lock()
	m.fp = &strings.Builder{}
	m.mu.Unlock()
}

func (m *manifest) close() int { return m.fp.Len() }

func OpenManifest(fail bool) (*manifest, int) {
	m := &manifest{fp: &strings.Builder{}}
	if fail {
		return nil, m.close()
	}
	m.add("x")
	return m, 0
}

// Handlers: the list is replaced by a new slice under the lock; the loop
// ranges over the snapshot it took under the lock (copy on write): not
// reported.
type Handlers struct {
	mu   sync.Mutex
	set  map[string]func()
	list []func()
}

func (h *Handlers) Register(name string, f func()) {
	h.mu.Lock()
	defer h.mu.Unlock()
	h.set[name] = f
	h.list = nil
	for _, g := range h.set {
		h.list = append(h.list, g)
	}
}

func (h *Handlers) Fire() {
	h.mu.Lock()
	list := h.list
	h.mu.Unlock()
	for _, f := range list {
		f()
	}
}

// Pool hands its idle map over to CloseIdle: the field is set anew under the
// lock, so the loop ranges over a map nobody else reaches: not reported.
type Pool struct {
	mu   sync.Mutex
	idle map[string]int
}

func (p *Pool) Put(k string) {
	p.mu.Lock()
	p.idle[k]++
	p.mu.Unlock()
}

func (p *Pool) Len() int {
	p.mu.Lock()
	defer p.mu.Unlock()
	return len(p.idle)
}

func (p *Pool) CloseIdle() int {
	p.mu.Lock()
	m := p.idle
	p.idle = map[string]int{}
	p.mu.Unlock()
	n := 0
	for _, c := range m {
		n += c
	}
	return n
}

// session: recover reads the version before the session is shared (only
// OpenSession, a function, calls it): not reported.
type session struct {
	mu      sync.Mutex
	version int
}

func (s *session) setVersion(v int) {
	s.mu.Lock()
	s.version = v
	s.mu.Unlock()
}

func (s *session) close() {
	s.mu.Lock()
	s.version = -1
	s.mu.Unlock()
}

func (s *session) current() int {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.version
}

func (s *session) recover() {
	if s.version == 0 {
		s.setVersion(1)
	}
}

func OpenSession() int {
	s := &session{}
	s.recover()
	v := s.current()
	s.close()
	return v
}
