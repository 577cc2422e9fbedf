package precision

import "sync"

type shard struct {
	mu   sync.RWMutex
	keys []uint64
}

func (s *shard) copyKeys() []uint64 {
	s.mu.RLock()
	defer s.mu.RUnlock()
	return append([]uint64(nil), s.keys...)
}

// EntryIterator: an iterator over a sharded cache. SetNext locks to move the
// position; Value reads it without the lock. The caller that advances the
// iterator reads it: one goroutine at a time by the protocol.
type EntryIterator struct {
	mutex   sync.Mutex
	shards  []*shard
	shard   int
	index   int
	keys    []uint64
	current uint64
	valid   bool
}

func (it *EntryIterator) SetNext() bool {
	it.mutex.Lock()
	defer it.mutex.Unlock()
	it.valid = false
	it.index++
	for it.index >= len(it.keys) {
		if it.shard+1 >= len(it.shards) {
			return false
		}
		it.shard++
		it.keys, it.index = it.shards[it.shard].copyKeys(), 0
	}
	it.current = it.keys[it.index]
	it.valid = true
	return true
}

func (it *EntryIterator) Value() (uint64, bool) {
	if !it.valid {
		return 0, false
	}
	return it.current, true
}

// Stats: the racy twin, with the same locking and no iterator protocol. A
// struct with a mutex says its methods run concurrently: Current reads what
// Record writes under the lock.
type Stats struct {
	mutex   sync.Mutex
	count   int
	current uint64
}

func (s *Stats) Record(v uint64) {
	s.mutex.Lock()
	defer s.mutex.Unlock()
	s.count++
	s.current = v
}

func (s *Stats) Current() uint64 {
	return s.current // want `data race: s.current read without holding s.mutex in Stats.Current`
}

func (s *Stats) Count() int {
	s.mutex.Lock()
	defer s.mutex.Unlock()
	return s.count
}

func (s *Stats) Reset() {
	s.mutex.Lock()
	s.count, s.current = 0, 0
	s.mutex.Unlock()
}
