package precision

import "sync"

type resource struct {
	status int
	value  string
}

func (r *resource) destroy() { r.status = 2 }

// PooledConn is a connection borrowed from a pool: Release hands it back, in the background.
type PooledConn struct {
	res *resource
}

// Release returns c to the pool it was acquired from. Once Release has been called, other methods must not be called.
func (c *PooledConn) Release() {
	res := c.res
	go func() {
		res.destroy()
	}()
}

// Exec runs a statement on the borrowed connection.
func (c *PooledConn) Exec(q string) string {
	if c.res.status != 1 {
		return ""
	}
	return c.res.value + q
}

// Racy twin: the same hand-back, but nothing says the connection is dead once released.
type PooledConn2 struct {
	res *resource
}

// Release returns c to the pool it was acquired from.
func (c *PooledConn2) Release() {
	res := c.res
	go func() {
		res.destroy() // want `data race: c.res.status written by the goroutine started at terminal.go:41; read at terminal.go:47 by PooledConn2.Exec`
	}()
}

func (c *PooledConn2) Exec(q string) string {
	if c.res.status != 1 {
		return ""
	}
	return c.res.value + q
}

// Snapshot is a read-only view; Release drops its element under the lock.
type Snapshot struct {
	mu   sync.Mutex
	elem *resource
	n    int
}

func (s *Snapshot) String() string {
	return s.elem.value
}

func (s *Snapshot) Count() int {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.elem == nil {
		return 0
	}
	return s.n
}

// Release releases the snapshot.
//
// Other methods should not be called after the snapshot has been
// released.
func (s *Snapshot) Release() {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.elem != nil {
		s.elem = nil
	}
}

// Racy twin: Release without the contract, so String may overlap it.
type Snapshot2 struct {
	mu   sync.Mutex
	elem *resource
	n    int
}

func (s *Snapshot2) String() string {
	return s.elem.value // want `data race: s.elem read without holding s.mu in Snapshot2.String`
}

func (s *Snapshot2) Count() int {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.elem == nil {
		return 0
	}
	return s.n
}

// Release releases the snapshot.
func (s *Snapshot2) Release() {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.elem != nil {
		s.elem = nil
	}
}

// Racy twin: a goroutine another method started still races with the terminal method.
type Worker struct {
	last string
}

func (w *Worker) Start() {
	go func() {
		w.last = "x" // want `data race: w.last written by the goroutine started at terminal.go:120; read at terminal.go:127 by Worker.Stop`
	}()
}

// Stop ends the worker. Other methods must not be called after Stop.
func (w *Worker) Stop() string {
	return w.last
}
