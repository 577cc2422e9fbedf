package recall

import (
	"io"
	"sync"
)

// OptionalMutex can be switched off for a logger used by one goroutine; where
// it is on, its Lock takes the mutex for the caller.
type OptionalMutex struct {
	lock     sync.Mutex
	disabled bool
}

func (m *OptionalMutex) Lock() {
	if !m.disabled {
		m.lock.Lock()
	}
}

func (m *OptionalMutex) Unlock() {
	if !m.disabled {
		m.lock.Unlock()
	}
}

func (m *OptionalMutex) Disable() { m.disabled = true }

// Journal's setters take the lock to store the field: the lock publishes the
// value to the goroutines that write entries, so Append must take it too.
type Journal struct {
	mu     OptionalMutex
	Out    io.Writer
	Prefix string
	Format func(string) string
}

func (j *Journal) SetFormat(f func(string) string) {
	j.mu.Lock()
	defer j.mu.Unlock()
	j.Format = f
}

func (j *Journal) SetOutput(w io.Writer) {
	j.mu.Lock()
	defer j.mu.Unlock()
	j.Out = w
}

func (j *Journal) Append(msg string) {
	line := j.Format(msg) // want `data race: j.Format read without holding j.mu.lock in Journal.Append; written at lockedsetter.go:\d+ holding it in Journal.SetFormat \(j.mu.lock guards Format: Journal.SetFormat takes it to store the field\)`
	j.mu.Lock()
	defer j.mu.Unlock()
	j.Out.Write([]byte(j.Prefix + line))
}

// Ledger is the race-free twin: its reader holds the lock the setter takes.
type Ledger struct {
	mu     sync.Mutex
	Format func(string) string
	lines  []string
}

func (l *Ledger) SetFormat(f func(string) string) {
	l.mu.Lock()
	defer l.mu.Unlock()
	l.Format = f
}

func (l *Ledger) Append(msg string) {
	l.mu.Lock()
	defer l.mu.Unlock()
	l.lines = append(l.lines, l.Format(msg))
}

// Settings stores its field without the lock in a method that is not a
// setter: one locked place against one unlocked is no discipline to enforce.
type Settings struct {
	mu    sync.Mutex
	Limit int
	hits  int
}

func (s *Settings) Reload(n int) {
	s.mu.Lock()
	s.Limit = n
	s.mu.Unlock()
}

func (s *Settings) Over() bool {
	return s.hits > s.Limit
}
