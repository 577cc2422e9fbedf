package recall

import (
	"errors"
	"sync"
	"time"
)

// Poller's constructor starts the goroutine that reads Interval: a caller that
// sets the exported field on the value it got back races with it.
type Poller struct {
	Interval time.Duration
	stop     chan struct{}
}

func NewPoller() *Poller {
	p := &Poller{Interval: time.Second, stop: make(chan struct{})}
	go p.loop()
	return p
}

func (p *Poller) loop() {
	for {
		select {
		case <-p.stop:
			return
		case <-time.After(p.Interval):
		}
	}
}

func (p *Poller) Stop() { close(p.stop) }

func SlowPoller() *Poller {
	p := NewPoller()
	p.Interval = time.Minute // want `data race: p.Interval written in SlowPoller while the goroutine runs; read at ctorresult.go:\d+ by the goroutine started at ctorresult.go:\d+`
	return p
}

// Session comes back with an error beside it; the read loop it started calls
// OnMessage, which the caller sets afterwards.
type Session struct {
	OnMessage func(string)
	in        chan string
}

func Dial(addr string) (*Session, error) {
	if addr == "" {
		return nil, errors.New("no address")
	}
	s := &Session{in: make(chan string)}
	go s.readLoop()
	return s, nil
}

func (s *Session) readLoop() {
	for m := range s.in {
		if s.OnMessage != nil {
			s.OnMessage(m)
		}
	}
}

func Connect(addr string, handle func(string)) error {
	s, err := Dial(addr)
	if err != nil {
		return err
	}
	s.OnMessage = handle // want `data race: s.OnMessage written in Connect while the goroutine runs; read at ctorresult.go:\d+ by the goroutine started at ctorresult.go:\d+`
	return nil
}

// Gated's goroutine waits for Start before it reads the field: setting it
// between the constructor and Start is race-free.
type Gated struct {
	Interval time.Duration
	begin    chan struct{}
}

func NewGated() *Gated {
	g := &Gated{begin: make(chan struct{})}
	go g.run()
	return g
}

func (g *Gated) run() {
	<-g.begin
	time.Sleep(g.Interval)
}

func (g *Gated) Start() { close(g.begin) }

func StartGated() *Gated {
	g := NewGated()
	g.Interval = time.Second
	g.Start()
	return g
}

// Locked's goroutine and the caller both hold the value's own mutex.
type Locked struct {
	mu    sync.Mutex
	Limit int
}

func NewLocked() *Locked {
	l := &Locked{}
	go l.watch()
	return l
}

func (l *Locked) watch() {
	l.mu.Lock()
	_ = l.Limit
	l.mu.Unlock()
}

func LockedWithLimit(n int) *Locked {
	l := NewLocked()
	l.mu.Lock()
	l.Limit = n
	l.mu.Unlock()
	return l
}

// Wrapped's goroutine runs on an inner worker the caller never names.
type worker struct{ count int }

func (w *worker) run() { w.count++ }

type Wrapped struct {
	Name string
	w    *worker
}

func NewWrapped() *Wrapped {
	w := &worker{}
	go w.run()
	return &Wrapped{w: w}
}

func NamedWrapped(name string) *Wrapped {
	x := NewWrapped()
	x.Name = name
	return x
}
