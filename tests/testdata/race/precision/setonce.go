package precision

import (
	"errors"
	"sync"
)

var errClosing = errors.New("closing")

// controlBuf: err is set once, under mu, only while it is unset; put reads it
// again after releasing mu in the branch that saw it set. No write can follow.
type controlBuf struct {
	mu    sync.Mutex
	err   error
	items []int
}

func (c *controlBuf) put(it int) error {
	c.mu.Lock()
	if c.err != nil {
		c.mu.Unlock()
		return c.err
	}
	c.items = append(c.items, it)
	c.mu.Unlock()
	return nil
}

func (c *controlBuf) finish() {
	c.mu.Lock()
	if c.err != nil {
		c.mu.Unlock()
		return
	}
	c.err = errClosing
	c.mu.Unlock()
}

type Transport struct{ cb *controlBuf }

func NewTransport(fail bool) *Transport {
	t := &Transport{cb: &controlBuf{}}
	go t.reader()
	if fail {
		t.cb.finish()
	}
	return t
}

func (t *Transport) reader() {
	for i := 0; i < 10; i++ {
		if t.cb.put(i) != nil {
			return
		}
	}
}

// resetBuf: the same read, but Reset lowers err again, so a later finish can
// write it while put reads it after the unlock.
type resetBuf struct {
	mu  sync.Mutex
	err error
	n   int
}

func (c *resetBuf) put() error {
	c.mu.Lock()
	if c.err != nil {
		c.mu.Unlock()
		return c.err // want `data race: s.rb.err read without holding s.rb.mu by the goroutine started at setonce.go:\d+`
	}
	c.n++
	c.mu.Unlock()
	return nil
}

func (c *resetBuf) finish() {
	c.mu.Lock()
	if c.err != nil {
		c.mu.Unlock()
		return
	}
	c.err = errClosing
	c.mu.Unlock()
}

func (c *resetBuf) reset() {
	c.mu.Lock()
	c.err = nil
	c.mu.Unlock()
}

type Stream struct{ rb *resetBuf }

func NewStream(fail bool) *Stream {
	s := &Stream{rb: &resetBuf{}}
	go s.pump()
	if fail {
		s.rb.finish()
		s.rb.reset()
		s.rb.finish()
	}
	return s
}

func (s *Stream) pump() {
	for i := 0; i < 10; i++ {
		if s.rb.put() != nil {
			return
		}
	}
}
