package manager

import "sync"

// Refresher's callers check Ready before Refresh, but Refresh itself starts
// the loader: a caller that saw the flag an earlier Refresh raised runs this
// Refresh alongside the new loader's writes, so the gate orders nothing here.
type Refresher struct {
	mu    sync.Mutex
	ready bool
	data  []int
}

func (r *Refresher) Ready() bool {
	r.mu.Lock()
	defer r.mu.Unlock()
	return r.ready
}

func (r *Refresher) Refresh() int {
	go func() {
		r.data = []int{1, 2, 3} // want `data race: r.data written by the goroutine started at refresher.go:21; read at refresher.go:27 by Refresher.Refresh, after it starts the goroutine`
		r.mu.Lock()
		r.ready = true
		r.mu.Unlock()
	}()
	return len(r.data)
}
