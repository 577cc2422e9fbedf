// Package recall: shapes of races that shipped in real projects.
package recall

import (
	"sort"
	"sync"
	"time"
)

// Timing: the mutex is a pointer field (shared by copies of the struct), and
// SortedDurations returns the cached slice after releasing the read lock,
// while a caller that finds the cache stale rewrites it under the write lock.
type Timing struct {
	Mutex  *sync.RWMutex
	values []time.Duration
	cached []time.Duration
	last   int64
}

func NewTiming() *Timing { return &Timing{Mutex: &sync.RWMutex{}} }

func (r *Timing) Add(d time.Duration) {
	r.Mutex.Lock()
	defer r.Mutex.Unlock()
	r.values = append(r.values, d)
}

func (r *Timing) SortedDurations() []time.Duration {
	r.Mutex.RLock()
	t := r.last
	r.Mutex.RUnlock()
	if t+int64(time.Second) > time.Now().UnixNano() {
		return r.cached // want `data race: r.cached read without holding r.Mutex in Timing.SortedDurations`
	}
	r.Mutex.Lock()
	defer r.Mutex.Unlock()
	sorted := append([]time.Duration(nil), r.values...)
	sort.Slice(sorted, func(i, j int) bool { return sorted[i] < sorted[j] })
	r.cached = sorted
	r.last = time.Now().UnixNano()
	return r.cached
}

// SafeTiming: the race-free twin, which copies the cache while it holds the lock.
type SafeTiming struct {
	Mutex  *sync.RWMutex
	values []time.Duration
	cached []time.Duration
	last   int64
}

func (r *SafeTiming) Add(d time.Duration) {
	r.Mutex.Lock()
	defer r.Mutex.Unlock()
	r.values = append(r.values, d)
}

func (r *SafeTiming) SortedDurations() []time.Duration {
	r.Mutex.RLock()
	t, cached := r.last, r.cached
	r.Mutex.RUnlock()
	if t+int64(time.Second) > time.Now().UnixNano() {
		return cached
	}
	r.Mutex.Lock()
	defer r.Mutex.Unlock()
	sorted := append([]time.Duration(nil), r.values...)
	sort.Slice(sorted, func(i, j int) bool { return sorted[i] < sorted[j] })
	r.cached = sorted
	r.last = time.Now().UnixNano()
	return r.cached
}
