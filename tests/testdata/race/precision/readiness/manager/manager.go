// Package manager prepares a submission endpoint in the background and says
// when it is ready: the readiness-gate shape of a metrics client whose check
// manager initializes over the network while the application starts.
package manager

import (
	"net/url"
	"sync"
	"time"
)

type Manager struct {
	mu       sync.Mutex
	trapURL  string
	lastSeen time.Time
	labels   []string
	endpoint string
	backoff  bool

	readyMu sync.RWMutex
	ready   bool
}

func New() *Manager { return &Manager{} }

// Initialize fetches the trap URL in the background; IsReady says when it is done.
func (m *Manager) Initialize() {
	go func() {
		m.backoff = true
		if err := m.fetch(); err != nil { // want `data race: m.labels written by the goroutine started at manager.go:28; read at manager.go:67 by Manager.Labels` `data race: c.m.labels written by the goroutine started at manager.go:28; read at client.go:40 .* by Client.Labels`
			return
		}
		m.readyMu.Lock()
		m.ready = true
		m.readyMu.Unlock()
		// After the flag: callers that saw IsReady run alongside this write.
		m.endpoint = "/write" // want `data race: m.endpoint written by the goroutine started at manager.go:28; read at manager.go:70 by Manager.Endpoint` `data race: c.m.endpoint written by the goroutine started at manager.go:28; read at client.go:28 .* by Client.Flush`
	}()
}

func (m *Manager) fetch() error {
	u, err := url.Parse("https://trap.example/")
	if err != nil {
		return err
	}
	m.trapURL = u.String()
	m.lastSeen = time.Now()
	m.labels = append(m.labels, "host")
	return nil
}

// IsReady reports whether Initialize finished.
func (m *Manager) IsReady() bool {
	m.readyMu.RLock()
	defer m.readyMu.RUnlock()
	return m.ready
}

// URL and Stale are called only once IsReady said yes (client.submit): the
// goroutine's writes come before the flag it raises under readyMu.
func (m *Manager) URL() string { return m.trapURL }

func (m *Manager) Stale(max time.Duration) bool { return time.Since(m.lastSeen) > max }

// Labels is called by the client's exported method with no readiness check:
// the application can call it while the goroutine appends.
func (m *Manager) Labels() []string { return m.labels }

// Endpoint is gated too, but the goroutine writes endpoint after the flag.
func (m *Manager) Endpoint() string { return m.endpoint }
