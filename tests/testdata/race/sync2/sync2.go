// Package sync2: more synchronization shapes, racy and fixed.
package sync2

import (
	"sync"
	"sync/atomic"
)

type Queue struct {
	mu    sync.Mutex
	items []int
}

func (q *Queue) Push(v int) {
	q.mu.Lock()
	q.items = append(q.items, v)
	q.mu.Unlock()
}

func (q *Queue) Len() int { return len(q.items) } // want `data race: q.items read without holding q.mu`

func (q *Queue) LenLocked() int {
	q.mu.Lock()
	defer q.mu.Unlock()
	return len(q.items)
}

func Producers(q *Queue, n int) int {
	for i := 0; i < n; i++ {
		go q.Push(i)
	}
	return q.Len()
}

func ProducersLocked(q *Queue, n int) int {
	for i := 0; i < n; i++ {
		go q.Push(i)
	}
	return q.LenLocked()
}

// A WaitGroup passed to a helper that starts the goroutines.
func spawn(wg *sync.WaitGroup, n int, f func(int)) {
	for i := 0; i < n; i++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			f(i)
		}()
	}
}

func SpawnRacy(n int) int {
	var wg sync.WaitGroup
	sum := 0
	spawn(&wg, n, func(i int) {
		sum += i // want `data race: sum written`
	})
	wg.Wait()
	return sum
}

func SpawnSafe(n int) []int {
	var wg sync.WaitGroup
	out := make([]int, n)
	var mu sync.Mutex
	spawn(&wg, n, func(i int) {
		mu.Lock()
		out[i] = i
		mu.Unlock()
	})
	wg.Wait()
	return out
}

// Wait called before all the goroutines are started.
func WaitTooEarly() int {
	x := 0
	var wg sync.WaitGroup
	wg.Add(1)
	go func() { defer wg.Done(); x = 1 }()
	wg.Wait()
	go func() { x = 2 }() // want `data race: x written`
	return x
}

// Two WaitGroups: waiting on the wrong one does not join.
func WrongWaitGroup() int {
	x := 0
	var a, b sync.WaitGroup
	a.Add(1)
	b.Add(1)
	go func() { defer a.Done(); x = 1 }() // want `data race: x written`
	go func() { defer b.Done() }()
	b.Wait()
	return x
}

func RightWaitGroup() int {
	x := 0
	var a, b sync.WaitGroup
	a.Add(1)
	b.Add(1)
	go func() { defer a.Done(); x = 1 }()
	go func() { defer b.Done() }()
	a.Wait()
	return x
}

// Closing a done channel publishes the results.
func CloseDone() []int {
	var res []int
	done := make(chan struct{})
	go func() {
		res = append(res, 1)
		close(done)
	}()
	<-done
	return res
}

func CloseTooEarly() []int {
	var res []int
	done := make(chan struct{})
	go func() {
		close(done)
		res = append(res, 1) // want `data race: res written`
	}()
	<-done
	return res
}

// Atomic counter read plainly.
type Meter struct{ hits int64 }

func (m *Meter) Hit() { atomic.AddInt64(&m.hits, 1) }

func (m *Meter) Hits() int64 { return m.hits } // want `data race: m.hits read`

func (m *Meter) HitsAtomic() int64 { return atomic.LoadInt64(&m.hits) }

func UseMeter(m *Meter) int64 {
	go m.Hit()
	return m.Hits()
}

func UseMeterAtomic(m *Meter) int64 {
	go m.Hit()
	return m.HitsAtomic()
}

// Plain write mixed with atomic loads.
func PlainStoreAtomicLoad() int32 {
	var flag int32
	go func() { flag = 1 }() // want `data race: flag written`
	return atomic.LoadInt32(&flag)
}

// A lock that is not the one guarding the data.
type Pair struct {
	mu1, mu2 sync.Mutex
	a        int
}

func (p *Pair) IncA1() {
	p.mu1.Lock()
	p.a++ // want `data race: p.a written without holding p.mu2`
	p.mu1.Unlock()
}

func (p *Pair) IncA2() {
	p.mu2.Lock()
	p.a++
	p.mu2.Unlock()
}

func UsePair(p *Pair) {
	go p.IncA1()
	go p.IncA2()
}

// Both locks held on one side: still protected by the common one.
func (p *Pair) IncBoth() {
	p.mu1.Lock()
	p.mu2.Lock()
	p.a++
	p.mu2.Unlock()
	p.mu1.Unlock()
}

func UsePairBoth(p *Pair) {
	go p.IncBoth()
	go p.IncA2()
}

// Handing a pointer to a goroutine and keeping to use it.
type Buf struct{ data []byte }

func KeepUsing(b *Buf) {
	done := make(chan bool)
	go func(b *Buf) {
		b.data = append(b.data, 'x') // want `data race: b.data written`
		done <- true
	}(b)
	b.data = nil
	<-done
}

// Handing over a copy instead.
func HandCopy(b Buf) {
	done := make(chan bool)
	go func(c Buf) {
		c.data = append(c.data, 'x')
		done <- true
	}(b)
	b.data = nil
	<-done
}

// A goroutine per element writing the element through a pointer to it.
func PerElementPointer(xs []int) {
	var wg sync.WaitGroup
	for i := range xs {
		p := &xs[i]
		wg.Add(1)
		go func() {
			defer wg.Done()
			*p *= 2
		}()
	}
	wg.Wait()
}

// Several goroutines writing one element through a pointer to it.
func OneElementPointer(xs []int, n int) {
	var wg sync.WaitGroup
	p := &xs[0]
	for i := 0; i < n; i++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			*p += i // want `data race: (\*p|xs\[0\]) written`
		}()
	}
	wg.Wait()
}

// A struct copied into the goroutine but sharing a map.
type Opts struct{ Headers map[string]string }

func CopyStillShares(o Opts) {
	done := make(chan bool)
	go func(c Opts) {
		c.Headers["a"] = "b" // want `data race: (c|o).Headers\["a"\] written`
		done <- true
	}(o)
	o.Headers["c"] = "d"
	<-done
}

// A loop that waits for each goroutine through a per-iteration channel.
func WaitEach(n int) int {
	x := 0
	for i := 0; i < n; i++ {
		done := make(chan bool)
		go func() { x += i; done <- true }()
		<-done
	}
	return x
}

// Goroutines started in a loop, then the loop variable's slot overwritten by the caller.
func OverwriteSlot(xs []int) {
	var wg sync.WaitGroup
	for i := range xs {
		wg.Add(1)
		go func() {
			defer wg.Done()
			xs[i]++ // want `data race: xs\[i\] written`
		}()
		xs[i] = 0
	}
	wg.Wait()
}

// Copying a struct reads every field.
type Point struct{ X, Y int }

func CopyWhileWriting(p *Point) Point {
	done := make(chan bool)
	go func() { p.Y = 1; done <- true }() // want `data race: p.Y written`
	c := *p
	<-done
	return c
}

// A read under RLock and a write under RLock of the same field.
type Table struct {
	mu   sync.RWMutex
	rows int
}

func (t *Table) Count() int {
	t.mu.RLock()
	defer t.mu.RUnlock()
	return t.rows
}

func (t *Table) Grow() {
	t.mu.RLock()
	t.rows++ // want `data race: t.rows written`
	t.mu.RUnlock()
}

func UseTable(t *Table) int {
	go t.Grow()
	return t.Count()
}

func (t *Table) GrowLocked() {
	t.mu.Lock()
	t.rows++
	t.mu.Unlock()
}

func UseTableLocked(t *Table) int {
	go t.GrowLocked()
	return t.Count()
}

// A named worker function signalling completion with a deferred Done.
func fill(wg *sync.WaitGroup, dst []int, i int) {
	defer wg.Done()
	dst[i] = i
}

func FillAll(n int) []int {
	dst := make([]int, n)
	var wg sync.WaitGroup
	for i := 0; i < n; i++ {
		wg.Add(1)
		go fill(&wg, dst, i)
	}
	wg.Wait()
	return dst
}

func fillFirst(wg *sync.WaitGroup, dst []int) {
	defer wg.Done()
	dst[0]++ // want `data race: dst\[0\] written`
}

func FillFirstAll(n int) []int {
	dst := make([]int, n)
	var wg sync.WaitGroup
	for i := 0; i < n; i++ {
		wg.Add(1)
		go fillFirst(&wg, dst)
	}
	wg.Wait()
	return dst
}

// Reading a shared global configuration only: no race.
var defaults = map[string]int{"a": 1}

func ReadDefaults(n int) int {
	var wg sync.WaitGroup
	var mu sync.Mutex
	sum := 0
	for i := 0; i < n; i++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			v := defaults["a"]
			mu.Lock()
			sum += v
			mu.Unlock()
		}()
	}
	wg.Wait()
	return sum
}

// Writing the global configuration while readers run.
func WriteDefaults() int {
	done := make(chan bool)
	go func() { defaults["b"] = 2; done <- true }() // want `data race: defaults\["b"\] written`
	v := defaults["a"]
	<-done
	return v
}
