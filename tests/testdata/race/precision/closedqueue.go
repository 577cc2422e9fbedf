package precision

import (
	"net"
	"time"
)

// A metrics sink: Shutdown closes the queue; the flush goroutine clears the field only
// after a receive told it the queue is closed (through goto QUIT, or after a range loop),
// so the read that closes it comes first.
type Sink struct {
	addr  string
	queue chan string
}

func NewSink(addr string) *Sink {
	s := &Sink{addr: addr, queue: make(chan string, 64)}
	go s.flush()
	return s
}

func (s *Sink) Shutdown() {
	close(s.queue)
}

// Push after Shutdown would send on the closed queue: not a use the type allows.
func (s *Sink) Push(m string) {
	select {
	case s.queue <- m:
	default:
	}
}

func (s *Sink) flush() {
	var conn net.Conn
	var err error
	ticker := time.NewTicker(time.Second)
	defer ticker.Stop()
CONNECT:
	conn, err = net.Dial("tcp", s.addr)
	if err != nil {
		goto WAIT
	}
	for {
		select {
		case m, ok := <-s.queue:
			if !ok {
				goto QUIT
			}
			if _, err := conn.Write([]byte(m)); err != nil {
				goto WAIT
			}
		case <-ticker.C:
		}
	}
WAIT:
	for {
		select {
		case _, ok := <-s.queue:
			if !ok {
				goto QUIT
			}
		case <-time.After(time.Second):
			goto CONNECT
		}
	}
QUIT:
	s.queue = nil
}

// The same with a range loop.
type RangeSink struct{ queue chan string }

func NewRangeSink() *RangeSink {
	s := &RangeSink{queue: make(chan string, 64)}
	go s.drain()
	return s
}

func (s *RangeSink) Close() { close(s.queue) }

func (s *RangeSink) drain() {
	for m := range s.queue {
		_ = m
	}
	s.queue = nil
}

// Racy twin: the goroutine also clears the field when a timer fires, while the queue may be open.
type TimedSink struct{ queue chan string }

func NewTimedSink() *TimedSink {
	s := &TimedSink{queue: make(chan string, 64)}
	go s.flush()
	return s
}

func (s *TimedSink) Shutdown() { close(s.queue) }

func (s *TimedSink) flush() {
	for {
		select {
		case _, ok := <-s.queue:
			if !ok {
				goto QUIT
			}
		case <-time.After(time.Minute):
			goto QUIT
		}
	}
QUIT:
	s.queue = nil // want `data race: s.queue written by the goroutine started at closedqueue.go:\d+; read at closedqueue.go:\d+ by TimedSink.Shutdown`
}

// Racy twin: the receive that reported a close is from another field (done), so nothing
// orders the clearing write after Shutdown's close of queue.
type TwoChanSink struct {
	queue chan string
	done  chan struct{}
}

func NewTwoChanSink() *TwoChanSink {
	s := &TwoChanSink{queue: make(chan string, 64), done: make(chan struct{})}
	go s.drain()
	return s
}

func (s *TwoChanSink) Shutdown() { close(s.queue) }

func (s *TwoChanSink) Stop() { close(s.done) }

func (s *TwoChanSink) drain() {
	for {
		select {
		case _, ok := <-s.done:
			if !ok {
				goto QUIT
			}
		case <-time.After(time.Second):
		}
	}
QUIT:
	s.queue = nil // want `data race: s.queue written by the goroutine started at closedqueue.go:\d+; read at closedqueue.go:\d+ by TwoChanSink.Shutdown`
}
