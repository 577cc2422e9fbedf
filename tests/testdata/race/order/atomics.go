package order

import "sync/atomic"

// Happens-before through sync/atomic (the Go memory model: an atomic operation that observes the effect of
// another is synchronized after it). The access must run because the operation saw a stored value: the word
// starts at zero, so a value other than zero, or a compare-and-swap that failed on zero, saw a store.

// A branch taken only when the flag was stored: the result written before the store is visible.
func BranchOnStoredFlag() int {
	var done atomic.Bool
	var v int
	go func() {
		v = 1
		done.Store(true)
	}()
	if done.Load() {
		return v
	}
	return 0
}

// A state word checked with an early return: the code after it runs only on the state the goroutine stored.
func LeaveUnlessStarted() int {
	var state int32
	var v int
	go func() {
		v = 1
		atomic.StoreInt32(&state, 2)
	}()
	if atomic.LoadInt32(&state) != 2 {
		return 0
	}
	return v
}

// A release on one path only (`if ok`): the branch on the flag can only have seen that release.
func PublishIfOK(ok bool) int {
	var done atomic.Bool
	var v int
	go func() {
		v = 1
		if ok {
			done.Store(true)
		}
	}()
	if done.Load() {
		return v
	}
	return 0
}

type atomicConn struct {
	state int32
	buf   []byte
}

// A method that reads the state word through a wrapper (`return atomic.LoadInt32(&c.state) == 2`).
func (c *atomicConn) established() bool { return atomic.LoadInt32(&c.state) == 2 }

func (c *atomicConn) handshake() {
	c.buf = append(c.buf, 1)
	atomic.StoreInt32(&c.state, 2)
}

func (c *atomicConn) close() {
	if c.established() {
		c.buf = nil
	}
}

func CloseAfterHandshake(c *atomicConn) {
	go c.close()
	c.handshake()
}

// A compare-and-swap from the value the goroutine stored: it succeeds only after that store.
func TakeStoredToken() int {
	var s int32
	var v int
	go func() {
		v = 1
		atomic.StoreInt32(&s, 1)
	}()
	for !atomic.CompareAndSwapInt32(&s, 1, 2) {
	}
	return v
}

// Two goroutines race to swap 0 to 1; the loser's swap failed because it saw the winner's, which came after the winner's write.
func LoserSeesWinner() {
	var x1, x2 int
	_ = x1 + x2
	var s int32
	ch := make(chan bool, 2)
	go func() {
		x1 = 1
		if !atomic.CompareAndSwapInt32(&s, 0, 1) {
			x2 = 1
		}
		ch <- true
	}()
	go func() {
		x2 = 1
		if !atomic.CompareAndSwapInt32(&s, 0, 1) {
			x1 = 1
		}
		ch <- true
	}()
	<-ch
	<-ch
}

// The loaded value kept in a local and tested right after (`if st := load(); st == 2`).
func KeptState() int {
	var state int32
	var v int
	go func() {
		v = 1
		atomic.StoreInt32(&state, 2)
	}()
	if st := atomic.LoadInt32(&state); st == 2 {
		return v
	}
	st := atomic.LoadInt32(&state)
	if st != 2 {
		return 0
	}
	return v
}

// Racy twins: the operation may have seen no store at all.

// The kept value is tested for the zero state.
func KeptZeroState() int {
	var state int32
	var v int
	go func() {
		v = 1 // want `data race: v written by the goroutine started at atomics.go:\d+; read at atomics.go:\d+ by KeptZeroState`
		atomic.StoreInt32(&state, 2)
	}()
	if st := atomic.LoadInt32(&state); st == 0 {
		return v
	}
	return 0
}

// The loaded value is ignored.
func IgnoredLoad() int {
	var s int32
	var v int
	go func() {
		v = 1 // want `data race: v written by the goroutine started at atomics.go:\d+; read at atomics.go:\d+ by IgnoredLoad`
		atomic.StoreInt32(&s, 1)
	}()
	atomic.LoadInt32(&s)
	return v
}

// The branch is taken on the zero value: the flag was not stored yet (`if !closed { use }`).
func BranchOnZero() int {
	var closed int32
	var v int
	go func() {
		v = 1 // want `data race: v written by the goroutine started at atomics.go:\d+; read at atomics.go:\d+ by BranchOnZero`
		atomic.StoreInt32(&closed, 1)
	}()
	if atomic.LoadInt32(&closed) == 0 {
		return v
	}
	return 0
}

// The first to add sees zero: `Add(&n, 1) == 1` observed nothing (Go's TestRaceAtomicAddInt64).
func FirstAdder() {
	var x1, x2 int
	_ = x1 + x2
	var n int64
	ch := make(chan bool, 2)
	go func() {
		x1 = 1 // want `data race: x1 written by the goroutine started at atomics.go:\d+; written at atomics.go:\d+ by the goroutine started at atomics.go:\d+`
		if atomic.AddInt64(&n, 1) == 1 {
			x2 = 1 // want `data race: x2 written by the goroutine started at atomics.go:\d+; written at atomics.go:\d+ by the goroutine started at atomics.go:\d+`
		}
		ch <- true
	}()
	go func() {
		x2 = 1
		if atomic.AddInt64(&n, 1) == 1 {
			x1 = 1
		}
		ch <- true
	}()
	<-ch
	<-ch
}

// A swap from zero succeeds on the initial value, before any store.
func SwapFromZero() int {
	var s int32
	var v int
	go func() {
		v = 1 // want `data race: v written by the goroutine started at atomics.go:\d+; read at atomics.go:\d+ by SwapFromZero`
		atomic.StoreInt32(&s, 5)
	}()
	if atomic.CompareAndSwapInt32(&s, 0, 1) {
		return v
	}
	return 0
}

// The value is read before the check.
func ReadBeforeCheck() int {
	var done atomic.Bool
	var v int
	go func() {
		v = 1 // want `data race: v written by the goroutine started at atomics.go:\d+; read at atomics.go:\d+ by ReadBeforeCheck`
		done.Store(true)
	}()
	r := v
	if done.Load() {
		return r
	}
	return 0
}

// The counter starts at a value set at its declaration: `Add(&n, -1) >= 0` may see only that value, not a store
// of the other instance (and each instance works after its own Add, alongside the other).
func CountDownWorkers(total int) int {
	n := int32(total)
	var sink int
	done := make(chan bool, 2)
	for p := 0; p < 2; p++ {
		go func() {
			for {
				i := atomic.AddInt32(&n, -1)
				if i < 0 {
					break
				}
				sink = int(i) // want `data race: sink written by the goroutine started at atomics.go:\d+; written at atomics.go:\d+ concurrently by another instance of the same goroutine`
			}
			done <- true
		}()
	}
	<-done
	<-done
	return sink
}
