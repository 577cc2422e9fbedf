// Package b's goroutines share a's values; each safe shape has a twin that
// a's code makes racy (see a.go).
package b

import "vigil.test/factsrace/a"

func put(c *a.Buf) error {
	c.Mu.Lock()
	if c.Err != nil {
		c.Mu.Unlock()
		return c.Err // set once by a.Buf.Finish: no race
	}
	c.N++
	c.Mu.Unlock()
	return nil
}

func Pump(c *a.Buf) {
	go func() {
		for i := 0; i < 10; i++ {
			if put(c) != nil {
				return
			}
		}
	}()
	c.Finish()
}

func putReset(c *a.ResetBuf) error {
	c.Mu.Lock()
	if c.Err != nil {
		c.Mu.Unlock()
		return c.Err // want `data race: c.Err read without holding c.Mu by the goroutine started at b.go:\d+; written at b.go:\d+ \(inside the call, at a.go:\d+\) holding c.Mu by PumpReset`
	}
	c.N++
	c.Mu.Unlock()
	return nil
}

func PumpReset(c *a.ResetBuf) {
	go func() {
		for i := 0; i < 10; i++ {
			if putReset(c) != nil {
				return
			}
		}
	}()
	c.Finish()
	c.Reset()
	c.Finish()
}

// Compressor runs its goroutine only when the writer is concurrent, and adds
// inline only when it is not: the mode never changes (a has no method assigning it).
type Compressor struct{ w *a.Writer }

func (c *Compressor) Reset() {
	if c.w.Concurrency == 1 {
		return
	}
	go func() { c.w.Written += 10 }()
}

func (c *Compressor) AddBlock(n int) {
	if c.w.Concurrency == 1 {
		c.w.Written += n
	}
}

// TunedCompressor: the same on a Tunable, whose mode a.Tunable.SetConcurrency changes.
type TunedCompressor struct{ w *a.Tunable }

func (c *TunedCompressor) Reset() {
	if c.w.Concurrency == 1 {
		return
	}
	go func() { c.w.Written += 10 }() // want `data race: c.w.Written written by the goroutine started at b.go:\d+; read at b.go:\d+ by TunedCompressor.AddBlock`
}

func (c *TunedCompressor) AddBlock(n int) {
	if c.w.Concurrency == 1 {
		c.w.Written += n // a.Tunable.SetConcurrency can change the mode after Reset started the goroutine
	}
}

// Manager prepares the URL in the background and raises the state's Ready flag
// under its lock; URL reads it only once IsReady said yes (a never lowers Ready).
type Manager struct{ st *a.State }

func (m *Manager) Initialize() {
	go func() {
		m.st.URL = "https://trap.example/"
		m.st.Mu.Lock()
		m.st.Ready = true
		m.st.Mu.Unlock()
	}()
}

func (m *Manager) IsReady() bool {
	m.st.Mu.Lock()
	defer m.st.Mu.Unlock()
	return m.st.Ready
}

func (m *Manager) URL() string {
	if !m.IsReady() {
		return ""
	}
	return m.st.URL
}

// FlakyManager: the same on a Flaky, whose flag a.Flaky.Invalidate lowers.
type FlakyManager struct{ st *a.Flaky }

func (m *FlakyManager) Initialize() {
	go func() {
		m.st.URL = "https://trap.example/" // want `data race: m.st.URL written by the goroutine started at b.go:\d+; read at b.go:\d+ by FlakyManager.URL`
		m.st.Mu.Lock()
		m.st.Ready = true
		m.st.Mu.Unlock()
	}()
}

func (m *FlakyManager) IsReady() bool {
	m.st.Mu.Lock()
	defer m.st.Mu.Unlock()
	return m.st.Ready
}

func (m *FlakyManager) URL() string {
	if !m.IsReady() {
		return ""
	}
	return m.st.URL // a.Flaky.Invalidate can lower the flag again
}
