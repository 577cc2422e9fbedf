// Package flow: what the lockset solver over the control-flow graph adds: TryLock held on its
// success edge only, and helpers that return only after a receive (on every way they return).
package flow

import (
	"sync"
	"time"
)

// TryLock: the lock is held where TryLock returned true, not where it returned false.
type TL struct {
	mu sync.Mutex
	n  int
}

func (t *TL) inc() {
	t.mu.Lock()
	t.n++
	t.mu.Unlock()
}

func (t *TL) tryInc() {
	if t.mu.TryLock() {
		t.n++
		t.mu.Unlock()
	}
}

func UseTry(t *TL) {
	go t.tryInc()
	t.inc()
}

func (t *TL) tryOrReturn() {
	if !t.mu.TryLock() {
		return
	}
	defer t.mu.Unlock()
	t.n++
}

func UseTryOrReturn(t *TL) {
	go t.tryOrReturn()
	t.inc()
}

type TL2 struct {
	mu sync.Mutex
	n  int
}

func (t *TL2) inc() {
	t.mu.Lock()
	t.n++
	t.mu.Unlock()
}

// The write runs exactly when TryLock failed: someone else holds the lock.
func (t *TL2) tryWrong() {
	if !t.mu.TryLock() {
		t.n++ // want `data race: t.n written without holding t.mu`
		return
	}
	t.mu.Unlock()
}

func UseTryWrong(t *TL2) {
	go t.tryWrong()
	t.inc()
}

// A worker started by one call and waited for by another: stop returns only after receiving
// from w.done, in whichever select case it ends.
type Worker struct {
	done chan struct{}
	err  error
}

func work() error { return nil }

func (w *Worker) start() {
	w.done = make(chan struct{})
	go func() {
		w.err = work()
		close(w.done)
	}()
}

func (w *Worker) stop() error {
	select {
	case <-w.done:
		return w.err
	default:
	}
	for {
		select {
		case <-w.done:
			return w.err
		case <-time.After(time.Second):
		}
	}
}

func RunWorker(w *Worker) error {
	w.start()
	w.stop()
	return w.err
}

// The racy twin: stop may return without having received.
type Worker2 struct {
	done chan struct{}
	err  error
}

func (w *Worker2) start() {
	w.done = make(chan struct{})
	go func() {
		w.err = work() // want `data race: w.err written by the goroutine started at flow.go:\d+; read at flow.go:\d+`
		close(w.done)
	}()
}

func (w *Worker2) stop() {
	select {
	case <-w.done:
	default:
		return
	}
}

func RunWorker2(w *Worker2) error {
	w.start()
	w.stop()
	return w.err
}

// A flag set before the goroutine starts rules out the deferred cleanup after it.
type Cmd struct {
	pipes []int
	done  chan struct{}
}

func (c *Cmd) watch() {
	_ = c.pipes
	close(c.done)
}

func (c *Cmd) Start(fail bool) error {
	started := false
	defer func() {
		if !started {
			c.pipes = nil
		}
	}()
	if fail {
		return nil
	}
	started = true
	go c.watch()
	return nil
}

// The racy twin: the flag is set after the goroutine starts.
type Cmd2 struct {
	pipes []int
	done  chan struct{}
}

func (c *Cmd2) watch() {
	_ = c.pipes
	close(c.done)
}

func (c *Cmd2) Start(fail bool) error {
	started := false
	defer func() { // want `data race: c.pipes written in Cmd2.Start while the goroutine runs`
		if !started {
			c.pipes = nil
		}
	}()
	go c.watch()
	if fail {
		return nil
	}
	started = true
	return nil
}

// A closure called more than once (a retry helper): each call points rows at a new allocation
// before writing through it; the goroutine of an earlier call was given the earlier rows.
type Rows struct {
	mu      sync.Mutex
	release func()
	closed  bool
}

func (r *Rows) await(done chan struct{}) {
	<-done
	r.mu.Lock()
	r.closed = true
	if r.release != nil {
		r.release()
	}
	r.mu.Unlock()
}

func retry(fn func(int) error) error {
	for i := 0; i < 2; i++ {
		if err := fn(i); err == nil {
			return nil
		}
	}
	return fn(2)
}

func Query(done chan struct{}) *Rows {
	var rows *Rows
	retry(func(i int) error {
		rows = &Rows{}
		rows.release = func() {}
		go rows.await(done)
		return nil
	})
	return rows
}

// The racy twin: the second call writes through the same rows the first goroutine has.
func Query2(done chan struct{}) *Rows {
	rows := &Rows{}
	retry(func(i int) error {
		rows.release = func() {} // want `data race: rows.release written`
		go rows.await(done)
		return nil
	})
	return rows
}

// A lock named through a copy of a field (t := c.t) and through another path to the same type's mutex.
type Transport struct {
	mu   sync.Mutex
	idle map[*Conn]bool
}

type Conn struct {
	t     *Transport
	timer *time.Timer
}

func (c *Conn) closeIfIdle() {
	t := c.t
	t.mu.Lock()
	defer t.mu.Unlock()
	if c.timer != nil {
		delete(t.idle, c)
	}
}

func (t *Transport) PutIdle(c *Conn) {
	t.mu.Lock()
	defer t.mu.Unlock()
	c.timer = time.AfterFunc(time.Second, c.closeIfIdle)
}

// The racy twin: the timer function does not lock.
type Conn2 struct {
	t     *Transport
	timer *time.Timer
}

func (c *Conn2) closeIfIdle() {
	if c.timer != nil { // want `data race: c.timer read without holding t.mu`
		c.t = nil
	}
}

func (t *Transport) PutIdle2(c *Conn2) {
	t.mu.Lock()
	defer t.mu.Unlock()
	c.timer = time.AfterFunc(time.Second, c.closeIfIdle)
}

// Interface method calls with one implementation, from the shared call graph.
type Store interface{ Put(v int) }

type memStore struct {
	mu sync.Mutex
	n  int
}

func (m *memStore) Put(v int) {
	m.mu.Lock()
	m.n = v
	m.mu.Unlock()
}

func NewStore() Store { return &memStore{} }

func Fill(s Store) {
	go s.Put(1)
	s.Put(2)
}

// The racy twin: the only implementation writes without the lock.
type Sink interface{ Send(v int) }

type memSink struct {
	mu sync.Mutex
	n  int
}

func (m *memSink) Send(v int) {
	m.n = v // want `data race: s.n written`
}

func NewSink() Sink { return &memSink{} }

func Drain(s Sink) {
	go s.Send(1)
	s.Send(2)
}

// A receive that saw the channel closed (ok false) is ordered after the close, even though the
// goroutine also sends on the channel before it writes.
type Handshake struct {
	blocked chan struct{}
	err     error
	quic    bool
}

func (h *Handshake) run() {
	h.blocked <- struct{}{}
	if work() != nil {
		h.err = work()
	}
	if h.quic {
		close(h.blocked)
	}
}

func (h *Handshake) Start() error {
	go h.run()
	if _, ok := <-h.blocked; !ok {
		return h.err
	}
	return nil
}

// The racy twin: the close comes before the write.
type Handshake2 struct {
	blocked chan struct{}
	err     error
}

func (h *Handshake2) run() {
	h.blocked <- struct{}{}
	close(h.blocked)
	h.err = work() // want `data race: h.err written by the goroutine`
}

func (h *Handshake2) Start() error {
	go h.run()
	if _, ok := <-h.blocked; !ok {
		return h.err
	}
	return nil
}

// A goroutine started when a field is nil, which it sets back to nil under the lock as its last
// touch of the field: a later start (which sees nil) comes after the old goroutine's reads.
type DB struct {
	mu        sync.Mutex
	cleanerCh chan struct{}
	closed    bool
}

func (db *DB) startCleanerLocked() {
	if db.cleanerCh == nil {
		db.cleanerCh = make(chan struct{}, 1)
		go db.cleaner()
	}
}

func (db *DB) cleaner() {
	for {
		<-db.cleanerCh
		db.mu.Lock()
		if db.closed {
			db.cleanerCh = nil
			db.mu.Unlock()
			return
		}
		db.mu.Unlock()
	}
}

func Restart(db *DB) {
	db.mu.Lock()
	db.startCleanerLocked()
	db.mu.Unlock()
	db.mu.Lock()
	db.startCleanerLocked()
	db.mu.Unlock()
}

// The racy twin: the goroutine goes on reading the field after handing it back.
type DB2 struct {
	mu        sync.Mutex
	cleanerCh chan struct{}
	closed    bool
}

func (db *DB2) startCleanerLocked() {
	if db.cleanerCh == nil {
		db.cleanerCh = make(chan struct{}, 1)
		go db.cleaner()
	}
}

func (db *DB2) cleaner() {
	for {
		<-db.cleanerCh // want `data race: db.cleanerCh read without holding db.mu`
		db.mu.Lock()
		if db.closed {
			db.cleanerCh = nil
		}
		db.mu.Unlock()
	}
}

func Restart2(db *DB2) {
	db.mu.Lock()
	db.startCleanerLocked()
	db.mu.Unlock()
	db.mu.Lock()
	db.startCleanerLocked()
	db.mu.Unlock()
}

// sync.Once: the body runs at most once, so its writes under a later Do (after an earlier Do
// completed) never run; a reader that calls Do first is ordered after the body.
var table map[string]string
var tableOnce sync.Once

func initTable() { table = map[string]string{"a": "A"} }

func lookup(k string) string {
	tableOnce.Do(initTable)
	return table[k]
}

func Lookups() {
	go func() { _ = lookup("x") }()
	_ = lookup("a")
	_ = lookup("b")
}

// The racy twin: a reader that does not go through the Once.
var table2 map[string]string
var table2Once sync.Once

func initTable2() { table2 = map[string]string{"a": "A"} }

func lookup2(k string) string {
	table2Once.Do(initTable2)
	return table2[k]
}

func Lookups2() {
	go func() { _ = table2["x"] }() // want `data race: table2 read by the goroutine`
	_ = lookup2("a")
	_ = lookup2("b")
}

// Lazy initialization under the lock: the goroutine's own check (under the lock) comes before its
// unguarded read, and the field is never set back to nil.
type connReader struct {
	mu     sync.Mutex
	cond   *sync.Cond
	inRead bool
}

func (cr *connReader) lock() {
	cr.mu.Lock()
	if cr.cond == nil {
		cr.cond = sync.NewCond(&cr.mu)
	}
}

func (cr *connReader) background() {
	cr.lock()
	cr.inRead = false
	cr.mu.Unlock()
	cr.cond.Broadcast()
}

func (cr *connReader) StartRead() {
	go cr.background()
	cr.lock()
	cr.inRead = true
	cr.mu.Unlock()
}

// The racy twin: the goroutine reads the field without having checked it under the lock.
type connReader2 struct {
	mu   sync.Mutex
	cond *sync.Cond
}

func (cr *connReader2) lock() {
	cr.mu.Lock()
	if cr.cond == nil {
		cr.cond = sync.NewCond(&cr.mu)
	}
}

func (cr *connReader2) background() {
	cr.cond.Broadcast() // want `data race: cr.cond read without holding cr.mu`
}

func (cr *connReader2) StartRead() {
	go cr.background()
	cr.lock()
	cr.mu.Unlock()
}

// A goroutine restarted in a loop only after the previous one is gone: start runs while w.cmd is
// nil, and w.cmd becomes nil only after receiving from w.term, which the goroutine closes last.
type Proc struct {
	cmd  *int
	err  error
	term chan struct{}
}

func (w *Proc) running() bool { return w.cmd != nil }

func (w *Proc) start() {
	w.err = nil
	w.cmd = new(int)
	w.term = make(chan struct{})
	go func() {
		w.err = work()
		close(w.term)
	}()
}

func (w *Proc) stop() error {
	<-w.term
	w.cmd = nil
	return w.err
}

func (w *Proc) Coordinate(quit chan struct{}) {
	for {
		if !w.running() {
			w.start()
		}
		select {
		case <-quit:
			w.stop()
			return
		case <-w.term:
			w.stop()
		}
	}
}

// The racy twin: the field is cleared without waiting for the goroutine.
type Proc2 struct {
	cmd  *int
	err  error
	term chan struct{}
}

func (w *Proc2) running() bool { return w.cmd != nil }

func (w *Proc2) start() {
	w.err = nil
	w.cmd = new(int)
	w.term = make(chan struct{})
	go func() {
		w.err = work() // want `data race: w.err written by the goroutine`
		close(w.term)
	}()
}

func (w *Proc2) Coordinate(quit chan struct{}) {
	for {
		if !w.running() {
			w.start() // want `data race: w.term written in Proc2.Coordinate while the goroutine runs`
		}
		select {
		case <-quit:
			return
		default:
			w.cmd = nil
		}
	}
}

// A range over a channel that no break leaves ends when the channel is closed: after the loop,
// everything the closing goroutine did before close is visible (however many goroutines send).
func SumAll() int {
	expect := 0
	r := make(chan int)
	var wg sync.WaitGroup
	for i := 0; i < 3; i++ {
		wg.Add(1)
		go func(v int) {
			r <- v
			wg.Done()
		}(i)
	}
	go func() {
		expect = 3
		wg.Wait()
		close(r)
	}()
	s := 0
	for v := range r {
		s += v
	}
	return s + expect
}

// The racy twin: a break can leave the loop before the close.
func SumSome() int {
	expect := 0
	r := make(chan int)
	var wg sync.WaitGroup
	for i := 0; i < 3; i++ {
		wg.Add(1)
		go func(v int) {
			r <- v
			wg.Done()
		}(i)
	}
	go func() {
		expect = 3 // want `data race: expect written by the goroutine`
		wg.Wait()
		close(r)
	}()
	for v := range r {
		if v > 0 {
			break
		}
	}
	return expect
}

// sync.Locker: the L of a sync.Cond locks the mutex it holds.
func CondLocker() int {
	x := 0
	c := sync.NewCond(&sync.Mutex{})
	done := make(chan bool)
	go func() {
		c.L.Lock()
		x = 1
		c.L.Unlock()
		done <- true
	}()
	c.L.Lock()
	x = 2
	c.L.Unlock()
	<-done
	return x
}

// The racy twin: one side does not lock.
func CondLocker2() int {
	x := 0
	c := sync.NewCond(&sync.Mutex{})
	done := make(chan bool)
	go func() {
		x = 1 // want `data race: x written without holding c.L`
		done <- true
	}()
	c.L.Lock()
	x = 2
	c.L.Unlock()
	<-done
	return x
}

// N goroutines each sending once at their end, and N receives in a loop that runs N times:
// after the loop, every goroutine is done.
func Workers() int {
	const n = 4
	var results [n]int
	done := make(chan bool)
	for i := 0; i < n; i++ {
		go func(i int) {
			results[i] = i
			done <- true
		}(i)
	}
	for i := 0; i < n; i++ {
		<-done
	}
	return results[0] + results[3]
}

// The racy twin: the receive loop may stop early.
func Workers2(stop bool) int {
	const n = 4
	var results [n]int
	done := make(chan bool)
	for i := 0; i < n; i++ {
		go func(i int) {
			results[i] = i // want `data race: results\[i\] written by the goroutine`
			done <- true
		}(i)
	}
	for i := 0; i < n; i++ {
		if stop {
			break
		}
		<-done
	}
	return results[0] + results[3]
}

// A goroutine that sends on every way it ends (one send per branch) is joined by the receive
// of each iteration, before the next iteration writes what it read.
type Job struct{ files []int }

func runJob(j *Job, out chan<- string) {
	if len(j.files) > 0 {
		out <- "some"
	} else {
		out <- "none"
	}
}

func Jobs() {
	j := &Job{}
	for i := 0; i < 3; i++ {
		j.files = []int{i}
		res := make(chan string)
		go runJob(j, res)
		<-res
	}
}

// The racy twin: one branch does not send, and the wait gives up after a while.
type Job2 struct{ files []int }

func runJob2(j *Job2, out chan<- string) {
	if len(j.files) > 1 {
		out <- "some"
	}
}

func Jobs2() {
	j := &Job2{}
	for i := 0; i < 3; i++ {
		j.files = []int{i} // want `data race: j.files written in Jobs2 while the goroutine runs`
		res := make(chan string)
		go runJob2(j, res)
		select {
		case <-res:
		case <-time.After(time.Second):
		}
	}
}

// A callee that starts and joins its goroutine in its own loop: its caller's flattened view
// loses the loop, so the pair is left to the callee's own analysis, which sees the join.
type Hook struct{ fn func() }

func (h *Hook) serve() error {
	if h.fn != nil {
		h.fn()
	}
	return nil
}

func serveRetry(h *Hook) {
	for try := 0; try < 3; try++ {
		errc := make(chan error, 1)
		go func() { errc <- h.serve() }()
		<-errc
		h.fn = nil
	}
}

func UseServe(h *Hook) { serveRetry(h) }

// The racy twin: no join; the callee's own analysis reports it.
type Hook2 struct{ fn func() }

func (h *Hook2) serve() error {
	if h.fn != nil {
		h.fn()
	}
	return nil
}

func serveRetry2(h *Hook2) {
	for try := 0; try < 3; try++ {
		errc := make(chan error, 1)
		go func() { errc <- h.serve() }()
		h.fn = nil // want `data race: h.fn written in serveRetry2 while the goroutine runs`
	}
}

func UseServe2(h *Hook2) { serveRetry2(h) }

// A variable declared in the loop body is a new one each iteration: filling it before the go
// statement does not touch the copy an earlier iteration's goroutine has.
type Record struct {
	front [4]int
	n     int
}

func (r *Record) Add(v int) {
	r.front[r.n] = v
	r.n++
}

func Records(out chan int) {
	for i := 0; i < 3; i++ {
		var rec Record
		rec.Add(i)
		go func() { out <- rec.front[0] }()
	}
}

// The racy twin: the record is declared outside the loop.
func Records2(out chan int) {
	var rec Record
	for i := 0; i < 3; i++ {
		rec.Add(i) // want `data race: rec.front\[r.n\] written in Records2 while the goroutine runs`
		go func() { out <- rec.front[0] }()
	}
}

// A deferred teardown that waits for the goroutine before it writes: inside the one deferred call,
// the receive comes first.
type Server struct {
	conn *int
	done chan struct{}
}

func (s *Server) serve() {
	_ = s.conn
	close(s.done)
}

func (s *Server) teardown() {
	<-s.done
	s.conn = nil
}

func RunServer(s *Server) {
	s.done = make(chan struct{})
	defer s.teardown()
	go s.serve()
}

// The racy twin: the teardown writes before it waits.
type Server2 struct {
	conn *int
	done chan struct{}
}

func (s *Server2) serve() {
	_ = s.conn
	close(s.done)
}

func (s *Server2) teardown() {
	s.conn = nil
	<-s.done
}

func RunServer2(s *Server2) {
	s.done = make(chan struct{})
	defer s.teardown() // want `data race: s.conn written in RunServer2 while the goroutine runs`
	go s.serve()
}
