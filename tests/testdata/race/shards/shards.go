// Package shards: a cache split into shards, each with its own RWMutex. The
// shard type has no exported methods: the cache's exported methods pick a
// shard by key and call it, so two callers run the shard's methods together.
package shards

import "sync"

type shard struct {
	lock    sync.RWMutex
	hashmap map[uint64]uint32
	entries []string
	hits    int
}

func (s *shard) get(key uint64) (string, bool) {
	s.lock.RLock()
	defer s.lock.RUnlock()
	i, ok := s.hashmap[key]
	if !ok {
		return "", false
	}
	return s.entries[i], true
}

func (s *shard) set(key uint64, v string) {
	s.lock.Lock()
	defer s.lock.Unlock()
	s.entries = append(s.entries, v)
	s.hashmap[key] = uint32(len(s.entries) - 1)
}

// del deletes from the map holding only the read side: it runs alongside get.
func (s *shard) del(key uint64) {
	s.lock.RLock()
	if _, ok := s.hashmap[key]; ok {
		delete(s.hashmap, key) // want `data race: s.hashmap\[_\] written holding only the read side of s.lock in shard.del`
	}
	s.lock.RUnlock()
}

// keys sizes its slice from the map before taking the lock.
func (s *shard) keys() []uint64 {
	out := make([]uint64, 0, len(s.hashmap)) // want `data race: s.hashmap read without holding s.lock in shard.keys`
	s.lock.RLock()
	for k := range s.hashmap {
		out = append(out, k)
	}
	s.lock.RUnlock()
	return out
}

func (s *shard) reset() {
	s.lock.Lock()
	s.hashmap = map[uint64]uint32{}
	s.entries = nil
	s.lock.Unlock()
}

// entryAt is a helper: it takes no lock, its callers hold it.
func (s *shard) entryAt(i uint32) string { return s.entries[i] }

type Cache struct {
	shards [16]*shard
}

func (c *Cache) pick(key uint64) *shard { return c.shards[key%16] }

func (c *Cache) Get(key uint64) (string, bool) { return c.pick(key).get(key) }
func (c *Cache) Set(key uint64, v string)      { c.pick(key).set(key, v) }
func (c *Cache) Delete(key uint64)             { c.pick(key).del(key) }
func (c *Cache) Reset() {
	for _, s := range c.shards {
		s.reset()
	}
}

// First calls the helper holding the shard's lock.
func (c *Cache) First(key uint64) string {
	s := c.pick(key)
	s.lock.RLock()
	defer s.lock.RUnlock()
	if len(s.entries) == 0 {
		return ""
	}
	return s.entryAt(0)
}

// safeShard: the race-free twin. Its delete holds the write side, and it
// sizes under the lock.
type safeShard struct {
	lock    sync.RWMutex
	hashmap map[uint64]uint32
}

func (s *safeShard) get(key uint64) bool {
	s.lock.RLock()
	defer s.lock.RUnlock()
	_, ok := s.hashmap[key]
	return ok
}

func (s *safeShard) set(key uint64) {
	s.lock.Lock()
	s.hashmap[key] = 1
	s.lock.Unlock()
}

func (s *safeShard) del(key uint64) {
	s.lock.Lock()
	delete(s.hashmap, key)
	s.lock.Unlock()
}

func (s *safeShard) keys() []uint64 {
	s.lock.RLock()
	defer s.lock.RUnlock()
	out := make([]uint64, 0, len(s.hashmap))
	for k := range s.hashmap {
		out = append(out, k)
	}
	return out
}

type SafeCache struct{ s safeShard }

func (c *SafeCache) Has(k uint64) bool { return c.s.get(k) }
func (c *SafeCache) Put(k uint64)      { c.s.set(k) }
func (c *SafeCache) Del(k uint64)      { c.s.del(k) }
func (c *SafeCache) Keys() []uint64    { return c.s.keys() }
