// Package hb: happens-before edges that order accesses, and their absence.
package hb

import (
	"sync"
	"sync/atomic"
)

func ChannelJoin() int {
	x := 0
	done := make(chan struct{})
	go func() {
		x = 1
		close(done)
	}()
	<-done
	return x
}

func ChannelJoinMissing() int {
	x := 0
	done := make(chan struct{})
	go func() {
		x = 1 // want `data race: x written`
		close(done)
	}()
	y := x
	<-done
	return y
}

func SendBeforeGo() {
	x := 0
	ch := make(chan int, 1)
	go func() {
		v := <-ch
		x = v // want `data race: x written by the goroutine .*; read at hb.go:40 by SendBeforeGo`
	}()
	ch <- 1
	println(x)
}

// The parent writes before sending; the goroutine reads after receiving.
func ParentHandsOff() {
	x := 0
	ch := make(chan bool)
	go func() {
		<-ch
		println(x)
	}()
	x = 1
	ch <- true
}

func ParentWritesAfterSend() {
	x := 0
	ch := make(chan bool, 1)
	go func() {
		<-ch
		println(x)
	}()
	ch <- true
	x = 1 // want `data race: x written in ParentWritesAfterSend`
}

// Unbuffered handshake: the receive completes before the send returns.
func UnbufferedHandshake() {
	x := 0
	ch := make(chan bool)
	go func() {
		ch <- true
		x = 1
	}()
	println(x)
	<-ch
}

// A buffered channel gives no such guarantee.
func BufferedNoHandshake() {
	x := 0
	ch := make(chan bool, 1)
	go func() {
		ch <- true
		x = 1 // want `data race: x written`
	}()
	println(x)
	<-ch
}

func WaitGroupJoin(n int) []int {
	out := make([]int, 0, n)
	var mu sync.Mutex
	var wg sync.WaitGroup
	for i := 0; i < n; i++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			mu.Lock()
			out = append(out, i)
			mu.Unlock()
		}()
	}
	wg.Wait()
	return out
}

func WaitGroupReadBeforeWait(n int) int {
	var mu sync.Mutex
	count := 0
	var wg sync.WaitGroup
	for i := 0; i < n; i++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			mu.Lock()
			count++
			mu.Unlock()
		}()
	}
	c := count // want `data race: count read without holding mu`
	wg.Wait()
	return c
}

// Two senders, one receive: only one of them is joined.
func OneReceiveTwoSenders() int {
	x := 0
	ch := make(chan int, 2)
	go func() { x = 1; ch <- 1 }() // want `data race: x written`
	go func() { ch <- 2 }()
	<-ch
	return x
}

func TwoReceivesTwoSenders() int {
	x, y := 0, 0
	ch := make(chan int, 2)
	go func() { x = 1; ch <- 1 }()
	go func() { y = 1; ch <- 2 }()
	<-ch
	<-ch
	return x + y
}

func SequentialGoroutines() int {
	x := 0
	ch := make(chan int)
	go func() { x = 1; ch <- 1 }()
	<-ch
	go func() { x = 2; ch <- 1 }()
	<-ch
	return x
}

func OverlappingGoroutines() int {
	x := 0
	ch := make(chan int)
	go func() { x = 1; ch <- 1 }() // want `data race: x written`
	go func() { x = 2; ch <- 1 }()
	<-ch
	<-ch
	return x
}

// sync.Once: the body happens before every Do returns.
type Lazy struct {
	once sync.Once
	val  *int
}

func (l *Lazy) Get() int {
	l.once.Do(func() {
		v := 42
		l.val = &v
	})
	return *l.val
}

func UseLazy(l *Lazy) int {
	go l.Get()
	return l.Get()
}

func (l *Lazy) GetRacy() int {
	if l.val == nil { // want `data race: l.val read`
		l.once.Do(func() {
			v := 42
			l.val = &v
		})
	}
	return *l.val // want `data race: l.val read by the goroutine`
}

func UseLazyRacy(l *Lazy) int {
	go l.GetRacy()
	return l.GetRacy()
}

// sync.Once in a loop that starts a goroutine after its own Do: the parent's next Do runs the body only if no
// Do completed before, so a body access is ordered before every access after a Do, whichever iteration.
type Table struct {
	once sync.Once
	rows map[string]int
}

func (t *Table) init() { t.rows = map[string]int{"a": 1} }

func (t *Table) Lookup(k string) int {
	t.once.Do(t.init)
	return t.rows[k]
}

func ServeLookups(t *Table, keys []string) {
	for _, k := range keys {
		t.Lookup(k)
		go t.Lookup(k)
	}
}

// The buggy twin: the parent also resets rows outside the Do, in the next iteration after the start.
func (t *Table) Reset() { t.rows = nil }

func ServeLookupsAndReset(t *Table, keys []string) {
	for _, k := range keys {
		t.Lookup(k)
		t.Reset() // want `data race: t.rows written in ServeLookupsAndReset while the goroutine runs`
		go t.Lookup(k)
	}
}

// Atomics: atomic accesses do not race with each other.
func AtomicCounter(n int) int64 {
	var c int64
	var wg sync.WaitGroup
	for i := 0; i < n; i++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			atomic.AddInt64(&c, 1)
		}()
	}
	wg.Wait()
	return atomic.LoadInt64(&c)
}

// Mixing atomic and plain access is a race.
func AtomicMixed(n int) int64 {
	var c int64
	var wg sync.WaitGroup
	for i := 0; i < n; i++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			atomic.AddInt64(&c, 1)
		}()
	}
	v := c // want `data race: c read in AtomicMixed while the goroutine runs; written atomically`
	wg.Wait()
	return v
}

func AtomicType(n int) int64 {
	var c atomic.Int64
	var wg sync.WaitGroup
	for i := 0; i < n; i++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			c.Add(1)
		}()
	}
	return c.Load()
}

// An atomic flag publishes a plain write.
func AtomicFlag() int {
	x := 0
	var ready int32
	go func() {
		x = 1
		atomic.StoreInt32(&ready, 1)
	}()
	for atomic.LoadInt32(&ready) == 0 {
	}
	return x
}

func AtomicFlagWrongOrder() int {
	x := 0
	var ready int32
	go func() {
		atomic.StoreInt32(&ready, 1)
		x = 1 // want `data race: x written`
	}()
	for atomic.LoadInt32(&ready) == 0 {
	}
	return x
}

// A mutex used as a one-time gate: locked before the goroutine, unlocked by it.
func MutexGate() int {
	x := 0
	var mu sync.Mutex
	mu.Lock()
	go func() {
		x = 1
		mu.Unlock()
	}()
	mu.Lock()
	return x
}

// Ownership transfer: a value sent on a channel and no longer touched by the sender.
type Job struct{ N int }

func HandOff() {
	ch := make(chan *Job)
	go func() {
		j := <-ch
		j.N++
	}()
	j := &Job{}
	j.N = 1
	ch <- j
}

// Range over a channel: the loop ends when the channel is closed.
func RangeClosed() int {
	sum := 0
	ch := make(chan int)
	done := make(chan bool)
	go func() {
		for v := range ch {
			sum += v
		}
		done <- true
	}()
	ch <- 1
	close(ch)
	<-done
	return sum
}

func RangeNoJoin() int {
	sum := 0
	ch := make(chan int)
	go func() {
		for v := range ch {
			sum += v // want `data race: sum written`
		}
	}()
	ch <- 1
	close(ch)
	return sum
}

// select with a done channel joins the goroutine.
func SelectJoin() int {
	x := 0
	done := make(chan bool)
	quit := make(chan bool)
	go func() {
		x = 1
		done <- true
	}()
	select {
	case <-done:
		return x
	case <-quit:
		return 0
	}
}

// The loop joins each goroutine before the next iteration.
func JoinEachIteration(n int) int {
	x := 0
	done := make(chan bool)
	for i := 0; i < n; i++ {
		go func() {
			x++
			done <- true
		}()
		<-done
	}
	return x
}

// A conditional hand-off: errc is closed only after err is written.
func ConditionalHandOff(f func() error) error {
	var err error
	errc := make(chan struct{})
	done := make(chan struct{})
	go func() {
		if err = f(); err != nil {
			close(errc)
			return
		}
		close(done)
	}()
	select {
	case <-errc:
		return err
	case <-done:
		return nil
	}
}

// The same hand-off, but the timeout path reads err without waiting.
func ConditionalHandOffTimeout(f func() error, timeout chan struct{}) error {
	var err error
	errc := make(chan struct{})
	go func() {
		if err = f(); err != nil { // want `data race: err written`
			close(errc)
		}
	}()
	select {
	case <-errc:
		return err
	case <-timeout:
		return err
	}
}
