package recall

import (
	"sync"
	"sync/atomic"
	"time"
)

// Item's expiry is changed with sync/atomic by Extend (any goroutine holding
// the item); Cache.Get reads it plainly.
type Item struct {
	value   string
	expires int64
}

func newItem(v string, ttl time.Duration) *Item {
	it := &Item{value: v}
	it.expires = time.Now().Add(ttl).UnixNano() // the item is not shared yet
	return it
}

func (i *Item) Extend(d time.Duration) {
	atomic.StoreInt64(&i.expires, time.Now().Add(d).UnixNano())
}

func (i *Item) Expired() bool {
	return atomic.LoadInt64(&i.expires) < time.Now().UnixNano()
}

type Cache struct {
	mu    sync.RWMutex
	items map[string]*Item
}

func (c *Cache) Set(k, v string, ttl time.Duration) {
	c.mu.Lock()
	c.items[k] = newItem(v, ttl)
	c.mu.Unlock()
}

func (c *Cache) lookup(k string) *Item {
	c.mu.RLock()
	defer c.mu.RUnlock()
	return c.items[k]
}

func (c *Cache) Get(k string) *Item {
	item := c.lookup(k)
	if item == nil {
		return nil
	}
	if item.expires > time.Now().UnixNano() { // want `data race: item.expires read without sync/atomic in Cache.Get; written at atomicfields.go:23 atomically in Item.Extend \(expires is changed with sync/atomic by Item`
		return item
	}
	return nil
}

// GetSafe: the twin asks the item, which loads atomically.
func (c *Cache) GetSafe(k string) *Item {
	item := c.lookup(k)
	if item == nil || item.Expired() {
		return nil
	}
	return item
}

// Counter's field is only ever loaded atomically by other code and set
// before sharing: no atomic write, nothing to race with.
type Counter struct{ n int64 }

func (c *Counter) Load() int64 { return atomic.LoadInt64(&c.n) }

func Snapshot(c *Counter) int64 { return c.n }

// Stats are counted atomically in each shard; Total sums copies the shards
// return (local values): no shared memory is read plainly.
type Stats struct{ Hits int64 }

type shard struct{ stats Stats }

func (s *shard) hit() { atomic.AddInt64(&s.stats.Hits, 1) }

func (s *shard) snapshot() Stats {
	return Stats{Hits: atomic.LoadInt64(&s.stats.Hits)}
}

func Total(shards []*shard) Stats {
	var total Stats
	for _, s := range shards {
		tmp := s.snapshot()
		total.Hits += tmp.Hits
	}
	return total
}

// entry's hits are changed atomically only by the concurrent index's code;
// the single-goroutine list keeps its own entries and counts plainly. The
// type itself promises nothing: not reported.
type entry struct{ hits int32 }

type index struct{ m sync.Map }

func (x *index) Touch(k string) {
	if v, ok := x.m.Load(k); ok {
		atomic.AddInt32(&v.(*entry).hits, 1)
	}
}

type list struct{ entries []*entry }

func (l *list) Touch(i int) { l.entries[i].hits++ }

// node's value is swapped atomically by its methods; newNode fills a node it
// takes from an arena: a plain write by other code (initialization, or a reset
// once the workers are stopped) is not reported.
type node struct{ value uint64 }

func (n *node) setValue(v uint64) { atomic.StoreUint64(&n.value, v) }

type arena struct{ nodes []node }

func (a *arena) get(i int) *node { return &a.nodes[i] }

func newNode(a *arena, i int, v uint64) *node {
	n := a.get(i)
	n.value = v
	return n
}
