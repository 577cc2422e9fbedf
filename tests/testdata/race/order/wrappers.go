package order

import (
	"sync"
	"testing"
)

// A constructor reached through a wrapper that returns its result (`func newTestDB(t) *DB { return
// newTestDBConnector(t, ...) }`, database/sql's tests): the goroutine the constructor starts on its local is
// the caller's variable, through both calls. With the link, the closed flag the caller sets (LIFO: the
// restore deferred first runs after the Close deferred later) orders the opener's read before the restore.
type Opener struct {
	mu     sync.Mutex
	closed bool
	reqs   chan int
	conns  []int
}

var openClock = func() int { return 0 }

func StartOpener() *Opener {
	o := &Opener{reqs: make(chan int, 8)}
	go o.run()
	return o
}

func (o *Opener) run() {
	for range o.reqs {
		o.open()
	}
}

func (o *Opener) open() {
	o.mu.Lock()
	defer o.mu.Unlock()
	if o.closed {
		return
	}
	o.conns = append(o.conns, openClock())
}

func (o *Opener) Close() {
	o.mu.Lock()
	if o.closed { // Close is idempotent
		o.mu.Unlock()
		return
	}
	o.closed = true
	o.mu.Unlock()
}

func (o *Opener) Request() { o.reqs <- 1 }

func newOpener(name string) *Opener { return newNamedOpener(name, 2) }

func newNamedOpener(name string, n int) *Opener {
	o := StartOpener()
	for i := 0; i < n && name != ""; i++ {
		o.Request()
	}
	return o
}

// The restore is deferred before the Close: it runs after it, when the opener no longer reads the clock.
func TestWrappedOpenerClosed(t *testing.T) {
	openClock = func() int { return 1 }
	defer func() { openClock = func() int { return 0 } }()
	o := newOpener("x")
	defer o.Close()
	t.Run("request", func(t *testing.T) { o.Request() })
}

// One opener per subtest, closed by the subtest: the next round's write comes after it.
func TestWrappedOpenerRounds(t *testing.T) {
	defer func() { openClock = func() int { return 0 } }()
	for _, n := range []string{"a", "b"} {
		openClock = func() int { return len(n) }
		t.Run(n, func(t *testing.T) {
			o := newOpener(n)
			defer o.Close()
			o.Request()
		})
	}
}

// The write comes before the Close: the opener may be reading the clock.
func TestWrappedOpenerWriteFirst(t *testing.T) {
	o := newOpener("x")
	defer o.Close()
	t.Run("request", func(t *testing.T) { o.Request() })
	openClock = func() int { return 2 } // want `data race: openClock written without holding o.mu in TestWrappedOpenerWriteFirst while the goroutine runs`
}

// Through the wrapper the caller's variable is the opener's: an unguarded write of its connections races with
// the opener's append (missed while the wrapper cut the link).
func TestWrappedOpenerReset(t *testing.T) {
	o := newOpener("x")
	t.Run("request", func(t *testing.T) { o.Request() })
	o.conns = nil // want `data race: o.conns written without holding o.mu in TestWrappedOpenerReset while the goroutine runs`
	o.Close()
}

// A helper that starts a server goroutine and hands back its WaitGroup as a named result with a bare return
// (log/syslog's tests): the caller's wg is the helper's, so its Wait joins the goroutine before the close.
func startLogServer(done chan<- string) (addr string, wg *sync.WaitGroup) {
	wg = new(sync.WaitGroup)
	wg.Add(1)
	go func() {
		defer wg.Done()
		done <- "hello"
	}()
	addr = "local"
	return
}

func TestLogServerJoined(t *testing.T) {
	done := make(chan string, 4)
	_, wg := startLogServer(done)
	wg.Wait()
	close(done)
}

// The close comes before the Wait: the server may still be sending.
func TestLogServerClosedFirst(t *testing.T) {
	done := make(chan string, 4)
	_, wg := startLogServer(done)
	close(done) // want `data race: \*done written in TestLogServerClosedFirst while the goroutine runs`
	wg.Wait()
}
