package precision

import (
	"net"
	"sync"
	"time"
)

// Conn: processConnectInit starts the read loop and arms the ping timer, and
// both of its callers (connect and reconnect) hold nc.mu around the call, as
// readLoop does around its own accesses: no access of the helper runs
// without the lock.
type Conn struct {
	mu     sync.Mutex
	conn   net.Conn
	ptmr   *time.Timer
	status int
	wg     sync.WaitGroup
}

func (nc *Conn) processConnectInit() {
	nc.status = 1
	nc.wg.Add(1)
	go nc.readLoop()
	nc.ptmr = time.AfterFunc(time.Second, nc.ping)
	_ = nc.conn
}

func (nc *Conn) readLoop() {
	defer nc.wg.Done()
	nc.mu.Lock()
	c := nc.conn
	nc.status = 2
	nc.mu.Unlock()
	_ = c
}

func (nc *Conn) ping() {
	nc.mu.Lock()
	if nc.ptmr != nil {
		nc.ptmr.Reset(time.Second)
	}
	nc.mu.Unlock()
}

func (nc *Conn) Connect(addr string) error {
	nc.mu.Lock()
	defer nc.mu.Unlock()
	c, err := net.Dial("tcp", addr)
	if err != nil {
		return err
	}
	nc.conn = c
	nc.processConnectInit()
	return nil
}

func (nc *Conn) reconnect(addr string) {
	nc.wg.Wait()
	nc.mu.Lock()
	c, err := net.Dial("tcp", addr)
	if err == nil {
		nc.conn = c
		nc.processConnectInit()
	}
	nc.mu.Unlock()
}

// Session: the racy twin. One caller of the helper forgets the lock, so the
// helper's write races with the loop it started before.
type Session struct {
	mu    sync.Mutex
	state int
}

func (s *Session) startLoop() {
	go s.loop()
	s.state = 1 // want `data race: s.state written without holding s.mu in Session.startLoop while the goroutine runs`
}

func (s *Session) loop() {
	s.mu.Lock()
	s.state = 2
	s.mu.Unlock()
}

func (s *Session) Open() {
	s.mu.Lock()
	s.startLoop()
	s.mu.Unlock()
}

func (s *Session) Retry() {
	s.startLoop()
}
