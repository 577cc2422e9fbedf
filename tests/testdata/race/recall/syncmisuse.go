package recall

import (
	"strings"
	"sync"
)

// Fetch counts each goroutine inside it: the Wait below can see a zero
// counter and return while the fetchers still append.
func Fetch(urls []string, get func(string) string) {
	var wg sync.WaitGroup
	for _, u := range urls {
		go func() {
			wg.Add(1) // want `data race: wg.Add called inside the goroutine started at syncmisuse.go:\d+, racing with wg.Wait`
			defer wg.Done()
			get(u)
		}()
	}
	wg.Wait()
}

// FetchCounted is the race-free twin: each goroutine is counted before it starts.
func FetchCounted(urls []string, get func(string) string) {
	var wg sync.WaitGroup
	for _, u := range urls {
		wg.Add(1)
		go func() {
			defer wg.Done()
			get(u)
		}()
	}
	wg.Wait()
}

// Register's goroutines count themselves, but each reports on registered
// after its Add, and the starter receives every report before Wait: race-free.
func Register(n int, work func()) {
	registered := make(chan bool, n)
	var wg sync.WaitGroup
	for i := 0; i < n; i++ {
		go func() {
			wg.Add(1)
			registered <- true
			defer wg.Done()
			work()
		}()
	}
	for i := 0; i < n; i++ {
		<-registered
	}
	wg.Wait()
}

// Crawler's walker is counted before it starts; its Add for each child runs
// while the counter is positive, which the WaitGroup allows at any time.
type Crawler struct{ wg sync.WaitGroup }

func (c *Crawler) Crawl(root string, children func(string) []string) {
	c.wg.Add(1)
	go func() {
		defer c.wg.Done()
		for _, ch := range children(root) {
			c.wg.Add(1)
			go func() {
				defer c.wg.Done()
				children(ch)
			}()
		}
	}()
	c.wg.Wait()
}

// Tally's Record writes the map under the read side of the lock: two
// Records run together.
type Tally struct {
	mu     sync.RWMutex
	counts map[string]int
}

func (t *Tally) Record(k string) {
	t.mu.RLock()
	defer t.mu.RUnlock()
	t.counts[strings.ToLower(k)]++ // want `data race: t.counts\[.*\] written holding only the read side of t.mu in Tally.Record`
}

func (t *Tally) Count(k string) int {
	t.mu.RLock()
	defer t.mu.RUnlock()
	return t.counts[k]
}

// SafeTally is the race-free twin: the write takes the write side.
type SafeTally struct {
	mu     sync.RWMutex
	counts map[string]int
}

func (t *SafeTally) Record(k string) {
	t.mu.Lock()
	defer t.mu.Unlock()
	t.counts[strings.ToLower(k)]++
}

func (t *SafeTally) Count(k string) int {
	t.mu.RLock()
	defer t.mu.RUnlock()
	n := t.counts[k]
	n++ // a local copy: no shared write
	return n - 1
}
