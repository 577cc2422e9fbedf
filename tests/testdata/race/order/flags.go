package order

import (
	"runtime"
	"sync/atomic"
)

// The atomic flag pattern: the worker publishes its result, then keeps storing the flag until told to stop;
// the waiter spins until the flag is set. The loop ends only when its load saw a store.
func publishWorker(out **Conn, ready, stop *uint32) {
	*out = &Conn{}
	for atomic.LoadUint32(stop) == 0 {
		atomic.StoreUint32(ready, 1)
	}
}

func WaitForFlag() *Conn {
	var c *Conn
	var ready, stop uint32
	defer atomic.StoreUint32(&stop, 1)
	go publishWorker(&c, &ready, &stop)
	for atomic.LoadUint32(&ready) == 0 {
		runtime.Gosched()
	}
	return c
}

// The result is written after the flag: the waiter may read it before.
func WaitForLateFlag(n int) int {
	var v int
	var ready uint32
	go func() {
		for i := 0; i < n; i++ {
			atomic.StoreUint32(&ready, 1)
			v++ // want `data race: v written by the goroutine started at flags.go:\d+; read at flags.go:\d+ by WaitForLateFlag`
		}
	}()
	for atomic.LoadUint32(&ready) == 0 {
		runtime.Gosched()
	}
	return v
}

// A typed flag and a count: `for !done.Load()` and `for n.Load() < 1` end only after a store.
func WaitForBool() int {
	var done atomic.Bool
	var n atomic.Int32
	var v, w int
	go func() {
		v = 1
		done.Store(true)
	}()
	go func() {
		w = 2
		n.Add(1)
	}()
	for !done.Load() {
	}
	for n.Load() < 1 {
	}
	return v + w
}

// The waiting loop may give up: after it, the flag may never have been stored.
func WaitOrGiveUp(tries int) int {
	var ready, stop atomic.Bool
	var v int
	defer stop.Store(true)
	go func() {
		v = 1 // want `data race: v written by the goroutine started at flags.go:69; read at flags.go:81 by WaitOrGiveUp`
		for !stop.Load() {
			ready.Store(true)
		}
	}()
	for !ready.Load() {
		if tries == 0 {
			break
		}
		tries--
	}
	return v
}

// The flag is set before the goroutine starts: the loop may end at once.
func WaitForPreset() int {
	var ready, stop uint32
	var v int
	ready = 1
	defer atomic.StoreUint32(&stop, 1)
	go func() {
		v = 1 // want `data race: v written by the goroutine started at flags.go:90; read at flags.go:98 by WaitForPreset`
		for atomic.LoadUint32(&stop) == 0 {
			atomic.StoreUint32(&ready, 1)
		}
	}()
	for atomic.LoadUint32(&ready) == 0 {
	}
	return v
}
