// Package misc: generics, embedding, deferred code, method values and other corners.
package misc

import (
	"sync"
	"time"
)

// Generic container with and without its lock.
type Box[T any] struct {
	mu sync.Mutex
	v  T
}

func (b *Box[T]) Set(v T) {
	b.mu.Lock()
	b.v = v
	b.mu.Unlock()
}

func (b *Box[T]) Peek() T { return b.v } // want `data race: b.v read without holding b.mu`

func UseBox(b *Box[int]) int {
	go b.Set(1)
	return b.Peek()
}

func (b *Box[T]) Get() T {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.v
}

func UseBoxLocked(b *Box[int]) int {
	go b.Set(1)
	return b.Get()
}

// A generic function started as a goroutine.
func setAll[T any](xs []T, v T) {
	for i := range xs {
		xs[i] = v // want `data race: xs\[i\] written`
	}
}

func GenericGoroutines(xs []int) {
	go setAll(xs, 1)
	go setAll(xs, 2)
}

// Embedded struct fields through a shared pointer.
type Base struct{ ID int }
type Derived struct {
	Base
	Name string
}

func EmbeddedField(d *Derived) {
	go func() { d.ID = 1 }() // want `data race: d.Base.ID written`
	println(d.ID)
}

func EmbeddedDifferentFields(d *Derived) {
	done := make(chan bool)
	go func() { d.ID = 1; done <- true }()
	d.Name = "x"
	<-done
}

// Deferred code runs when the function returns, after the goroutine was started.
func DeferredWrite() {
	x := 0
	defer func() { x = 2 }() // want `data race: x written in DeferredWrite`
	go func() { println(x) }()
}

func DeferredAfterJoin() {
	x := 0
	var wg sync.WaitGroup
	defer func() { x = 2 }()
	wg.Add(1)
	go func() { defer wg.Done(); println(x) }()
	wg.Wait()
}

// A deferred unlock keeps the lock to the end of the function.
type Reg struct {
	mu sync.Mutex
	m  map[string]int
}

func (r *Reg) Add(k string) {
	r.mu.Lock()
	defer r.mu.Unlock()
	if _, ok := r.m[k]; ok {
		return
	}
	r.m[k] = len(r.m)
}

func (r *Reg) Len() int {
	return len(r.m) // want `data race: r.m\[.*\] read without holding r.mu`
}

func UseReg(r *Reg) int {
	go r.Add("a")
	return r.Len()
}

// Unlock before the end: the write after it is unguarded.
func (r *Reg) AddEarlyUnlock(k string) {
	r.mu.Lock()
	_, ok := r.m[k]
	r.mu.Unlock()
	if !ok {
		r.m[k] = 1 // want `data race: r.m\[k\] written without holding r.mu`
	}
}

func UseRegEarly(r *Reg) {
	go r.AddEarlyUnlock("a")
	go r.Add("b")
}

// A method value started as a goroutine through a variable.
type Counter struct{ n int }

func (c *Counter) Inc() { c.n++ } // want `data race: cnt.n written`

func MethodValueVar() {
	cnt := &Counter{}
	inc := cnt.Inc
	go inc()
	cnt.Inc()
}

// time.AfterFunc in a loop: the timers run concurrently.
func TimersInLoop(n int) int {
	fired := 0
	for i := 0; i < n; i++ {
		time.AfterFunc(time.Millisecond, func() {
			fired++ // want `data race: fired written`
		})
	}
	return 0
}

// Goroutine started by a method on its receiver.
type Worker struct {
	state int
	done  chan bool
}

func (w *Worker) Start() {
	go w.loop()
}

func (w *Worker) loop() {
	w.state = 1 // want `data race: w.state written`
	w.done <- true
}

func (w *Worker) State() int { return w.state }

func UseWorker(w *Worker) int {
	w.Start()
	return w.State()
}

func UseWorkerJoined(w *Worker) int {
	w.Start()
	<-w.done
	return w.State()
}

// Closures returned to the caller share captured state.
func makeCounter() func() int {
	n := 0
	return func() int { n++; return n }
}

func ReturnedClosure() {
	next := makeCounter()
	done := make(chan bool)
	go func() { next(); done <- true }()
	<-done
	next()
}

// Nested loops: the inner loop variable is per iteration too.
func NestedLoops(grid [][]int) {
	var wg sync.WaitGroup
	for i := range grid {
		for j := range grid[i] {
			wg.Add(1)
			go func() {
				defer wg.Done()
				grid[i][j] = i * j
			}()
		}
	}
	wg.Wait()
}

// A shared accumulator across nested loops.
func NestedLoopsShared(grid [][]int) int {
	sum := 0
	var wg sync.WaitGroup
	for i := range grid {
		for j := range grid[i] {
			wg.Add(1)
			go func() {
				defer wg.Done()
				sum += grid[i][j] // want `data race: sum written`
			}()
		}
	}
	wg.Wait()
	return sum
}

// RWMutex: a write under the read lock races with reads under it.
type Index struct {
	mu   sync.RWMutex
	last string
	m    map[string]bool
}

func (x *Index) Lookup(k string) bool {
	x.mu.RLock()
	defer x.mu.RUnlock()
	x.last = k // want `data race: x.last written`
	return x.m[k]
}

func UseIndex(x *Index) {
	go x.Lookup("a")
	go x.Lookup("b")
}

func (x *Index) LookupReadOnly(k string) bool {
	x.mu.RLock()
	defer x.mu.RUnlock()
	return x.m[k]
}

func UseIndexReadOnly(x *Index) {
	go x.LookupReadOnly("a")
	go x.LookupReadOnly("b")
}

// Channel of pointers: the receiver owns the value after the send.
type Msg struct{ Body string }

func Pipeline(in []string) {
	ch := make(chan *Msg)
	done := make(chan bool)
	go func() {
		for m := range ch {
			m.Body += "!"
		}
		done <- true
	}()
	for _, s := range in {
		ch <- &Msg{Body: s}
	}
	close(ch)
	<-done
}

// A variable captured by two different closures started as goroutines.
func TwoClosures() int {
	n := 0
	var wg sync.WaitGroup
	inc := func() { defer wg.Done(); n++ } // want `data race: n written`
	dec := func() { defer wg.Done(); n-- }
	wg.Add(2)
	go inc()
	go dec()
	wg.Wait()
	return n
}

// Select loop goroutine owning its state: no sharing.
func SelectOwner(reqs chan int, out chan int) {
	go func() {
		total := 0
		for r := range reqs {
			total += r
			select {
			case out <- total:
			default:
			}
		}
	}()
}

// Global counters touched from goroutines in different functions.
var visits int

func visitA() { visits++ } // want `data race: visits written`
func visitB() { visits++ }

func TwoFunctions() {
	go visitA()
	go visitB()
}

var visitsMu sync.Mutex

func visitLockedA() { visitsMu.Lock(); visits++; visitsMu.Unlock() }
func visitLockedB() { visitsMu.Lock(); defer visitsMu.Unlock(); visits++ }

func TwoFunctionsLocked() {
	go visitLockedA()
	go visitLockedB()
}
