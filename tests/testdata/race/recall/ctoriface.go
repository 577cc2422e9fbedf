package recall

import "sync"

// Backend is what the constructors below return: callers see the interface.
type Backend interface {
	Add(name string)
	Len() int
}

// table: the path table, guarded by its own lock.
type table struct {
	mu    sync.RWMutex
	paths map[string]int
}

func (t *table) add(name string) {
	t.mu.Lock()
	defer t.mu.Unlock()
	t.paths[name] = len(t.paths)
}

func (t *table) len() int {
	t.mu.RLock()
	defer t.mu.RUnlock()
	return len(t.paths)
}

// watcher: the constructor starts the event loop on the value it returns as
// a Backend; the loop reads the table's paths without the table's lock,
// while Add (a caller's goroutine) writes them under it.
type watcher struct {
	table  *table
	events chan string
}

func newWatcher() (Backend, error) {
	w := &watcher{table: &table{paths: map[string]int{}}, events: make(chan string)}
	go w.readEvents()
	return w, nil
}

func (w *watcher) readEvents() {
	for name := range w.events {
		if _, ok := w.table.paths[name]; ok { // want `data race: w.table.paths\[name\] read without holding w.table.mu by the goroutine started at ctoriface.go:39; written at ctoriface.go:51 \(inside the call, at ctoriface.go:20\) holding w.table.mu by watcher.Add`
			continue
		}
	}
}

func (w *watcher) Add(name string) { w.table.add(name) }

func (w *watcher) Len() int { return w.table.len() }

// safeWatcher: the twin whose loop takes the table's lock too.
type safeWatcher struct {
	table  *table
	events chan string
}

func newSafeWatcher() (Backend, error) {
	w := &safeWatcher{table: &table{paths: map[string]int{}}, events: make(chan string)}
	go w.readEvents()
	return w, nil
}

func (w *safeWatcher) readEvents() {
	for name := range w.events {
		w.table.mu.RLock()
		_, ok := w.table.paths[name]
		w.table.mu.RUnlock()
		if ok {
			continue
		}
	}
}

func (w *safeWatcher) Add(name string) { w.table.add(name) }

func (w *safeWatcher) Len() int { return w.table.len() }
