package locked

import (
	"sync"
	"time"
)

// A *Locked method whose lock is really another one (the stream's header lock, not the
// transport's mu): it calls a helper that takes mu itself. The helper's own Lock holds
// wherever the method is inlined; the convention's assumed mu is what callers replace.
type stream struct {
	id    int
	hdrMu sync.Mutex
}

type server struct {
	mu     sync.Mutex
	active map[int]*stream
	idle   time.Time
	done   chan struct{}
}

func newServer() *server {
	t := &server{active: map[int]*stream{}, done: make(chan struct{})}
	go t.keepalive()
	return t
}

func (t *server) keepalive() {
	for {
		select {
		case <-t.done:
			return
		case <-time.After(time.Second):
			t.mu.Lock()
			idle := t.idle
			t.mu.Unlock()
			_ = idle
		}
	}
}

func (t *server) deleteStream(s *stream) {
	t.mu.Lock()
	if _, ok := t.active[s.id]; ok {
		delete(t.active, s.id)
		if len(t.active) == 0 {
			t.idle = time.Now()
		}
	}
	t.mu.Unlock()
}

func (t *server) writeHeaderLocked(s *stream) {
	if s.id > 3 {
		t.deleteStream(s)
	}
}

func (t *server) WriteHeader(s *stream) {
	s.hdrMu.Lock()
	t.writeHeaderLocked(s)
	s.hdrMu.Unlock()
}

// The racy twin: the helper the *Locked method calls does not lock; inlined into a caller
// without mu, its write is unguarded.
type server2 struct {
	mu   sync.Mutex
	idle time.Time
	done chan struct{}
}

func newServer2() *server2 {
	t := &server2{done: make(chan struct{})}
	go t.keepalive()
	return t
}

func (t *server2) keepalive() {
	for {
		select {
		case <-t.done:
			return
		case <-time.After(time.Second):
			t.mu.Lock()
			idle := t.idle
			t.mu.Unlock()
			_ = idle
		}
	}
}

func (t *server2) touch() {
	t.idle = time.Now() // want `data race: t.idle written without holding t.mu in server2.WriteHeader`
}

func (t *server2) writeHeaderLocked(s *stream) {
	if s.id > 3 {
		t.touch()
	}
}

func (t *server2) WriteHeader(s *stream) {
	s.hdrMu.Lock()
	t.writeHeaderLocked(s)
	s.hdrMu.Unlock()
}
