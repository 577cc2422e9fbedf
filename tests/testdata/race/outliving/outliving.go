// Package outliving: a goroutine a method starts and does not wait for keeps
// running after the call returns, while the caller calls the type's other
// methods on the same value.
package outliving

import (
	"sync"
	"sync/atomic"
	"time"
)

// Worker: Last reads what the goroutine Start left running writes.
type Worker struct {
	jobs  chan string
	last  string
	count int
}

func (w *Worker) Start() {
	go func() {
		for j := range w.jobs {
			w.last = j // want `data race: w.last written by the goroutine started at outliving.go:20; read at outliving.go:33 by Worker.Last, called while the goroutine started by Worker.Start runs`
		}
	}()
	go w.loop()
}

func (w *Worker) loop() {
	w.count++ // want `data race: w.count written by the goroutine started at outliving.go:25; read at outliving.go:36 by Worker.Count`
}

func (w *Worker) Last() string {
	return w.last
}

func (w *Worker) Count() int { return w.count }

// Timer: a timer function outlives the method that scheduled it.
type Timer struct {
	fired bool
}

func (t *Timer) Arm(d time.Duration) {
	time.AfterFunc(d, func() { t.fired = true }) // want `data race: t.fired written by the timer function scheduled at outliving.go:44; read at outliving.go:47 by Timer.Fired`
}

func (t *Timer) Fired() bool { return t.fired }

// Poller: the goroutine reads a setting another method changes.
type Poller struct {
	interval time.Duration
	quit     chan struct{}
}

func (p *Poller) Run() {
	go func() {
		for {
			select {
			case <-p.quit:
				return
			case <-time.After(p.interval):
			}
		}
	}()
}

func (p *Poller) SetInterval(d time.Duration) {
	p.interval = d // want `data race: p.interval written in Poller.SetInterval while the goroutine started by Poller.Run runs; read at outliving.go:61 by the goroutine started at outliving.go:56`
}

// Service: Stop closes quit and waits for done, which the goroutine closes last;
// Err waits for done too. Both come after everything the goroutine does.
type Service struct {
	quit chan struct{}
	done chan struct{}
	err  error
	n    int
}

func (s *Service) Start() {
	go func() {
		defer close(s.done)
		<-s.quit
		s.n++
		s.err = nil
	}()
}

func (s *Service) Stop() {
	close(s.quit)
	<-s.done
	s.n = 0
}

func (s *Service) Err() error {
	<-s.done
	return s.err
}

// Locked: the goroutine and the methods share a lock.
type Locked struct {
	mu sync.Mutex
	n  int
}

func (l *Locked) Start() {
	go func() {
		l.mu.Lock()
		l.n++
		l.mu.Unlock()
	}()
}

func (l *Locked) N() int {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.n
}

// Batch: the method waits for its goroutines before returning; nothing outlives it.
type Batch struct {
	results []int
}

func (b *Batch) Run(n int) {
	var wg sync.WaitGroup
	b.results = make([]int, n)
	for i := 0; i < n; i++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			b.results[i] = i * i
		}()
	}
	wg.Wait()
}

func (b *Batch) Sum() int {
	s := 0
	for _, r := range b.results {
		s += r
	}
	return s
}

// Meter: atomic counters, and a copy taken at the start.
type Meter struct {
	hits  atomic.Int64
	limit int
}

func (m *Meter) Start() {
	go func(limit int) {
		for i := 0; i < limit; i++ {
			m.hits.Add(1)
		}
	}(m.limit)
}

func (m *Meter) Hits() int64    { return m.hits.Load() }
func (m *Meter) SetLimit(n int) { m.limit = n }

// Cmd: the pipe methods refuse to run once Start set the process, so they never
// run while its goroutine does; Env has no such guard.
type Cmd struct {
	process *int
	started bool
	pipes   []string
	env     []string
}

func (c *Cmd) Start() {
	pid := 1
	c.process = &pid
	c.started = true
	go func() {
		for _, p := range c.pipes {
			_ = p
		}
		_ = c.env
	}()
}

func (c *Cmd) StdinPipe() error {
	if c.process != nil {
		return nil
	}
	c.pipes = append(c.pipes, "stdin")
	return nil
}

func (c *Cmd) StdoutPipe() error {
	if c.started {
		return nil
	}
	c.pipes = append(c.pipes, "stdout")
	return nil
}

func (c *Cmd) SetEnv(env []string) {
	c.env = env // want `data race: c.env written in Cmd.SetEnv while the goroutine started by Cmd.Start runs`
}

// Loop: Start waits until the goroutine is ready, then leaves it running: what it
// does before the signal is over when Start returns, what it does after is not.
type Loop struct {
	ready chan struct{}
	setup int
	ticks int
}

func (l *Loop) Start() {
	go func() {
		l.setup = 1
		close(l.ready)
		for {
			l.ticks++ // want `data race: l.ticks written by the goroutine started at outliving.go:213; read at outliving.go:225 by Loop.Ticks`
		}
	}()
	<-l.ready
}

func (l *Loop) Setup() int { return l.setup }

func (l *Loop) Ticks() int { return l.ticks }

// Node: Spawn points its receiver variable at a new child before starting the
// goroutine: the goroutine works on the child, not on the value the caller holds.
type Node struct {
	parent *Node
	n      int
}

func (t *Node) Spawn() {
	t = &Node{parent: t}
	go func() { t.n++ }()
}

func (t *Node) N() int { return t.n }

// Conn: its constructor starts the read loop on the value it returns; the loop
// outlives NewConn and runs while the caller uses the connection.
type Conn struct {
	mu     sync.Mutex
	frames int
	closed bool
	quit   chan struct{}
}

func NewConn() *Conn {
	c := &Conn{quit: make(chan struct{})}
	go c.readLoop()
	return c
}

func (c *Conn) readLoop() {
	for {
		select {
		case <-c.quit:
			c.mu.Lock()
			c.closed = true
			c.mu.Unlock()
			return
		default:
			c.frames++ // want `data race: c.frames written by the goroutine started at outliving.go:252; read at outliving.go:270 by Conn.Frames, called while the goroutine started by NewConn runs`
		}
	}
}

func (c *Conn) Frames() int { return c.frames }

func (c *Conn) Closed() bool {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.closed
}
