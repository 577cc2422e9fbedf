package manager

import "sync"

// Loader's flag goes down again (Reset): a caller that saw Loaded() may run
// while a new load writes, so the gate orders nothing.
type Loader struct {
	mu     sync.Mutex
	loaded bool
	data   map[string]string
}

func (l *Loader) Start() {
	go func() {
		l.data = map[string]string{"k": "v"} // want `data race: l.data written by the goroutine started at loader.go:14; read at loader.go:36 by Loader.Get`
		l.mu.Lock()
		l.loaded = true
		l.mu.Unlock()
	}()
}

func (l *Loader) Loaded() bool {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.loaded
}

func (l *Loader) Reset() {
	l.mu.Lock()
	l.loaded = false
	l.mu.Unlock()
}

// Get is called only after Loaded (client.Lookup).
func (l *Loader) Get(k string) string {
	return l.data[k]
}
