// Package interproc: accesses inside callees count, with the caller's arguments.
package interproc

import "sync"

type Point struct{ X, Y int }

func (p *Point) Move(dx int) { p.X += dx }
func (p Point) Len() int     { return p.X + p.Y }

func setX(p *Point, v int) { p.X = v }

func readX(p *Point) int { return p.X }

// The goroutine writes through a pointer method; the parent reads the struct.
func MethodThroughPointer() int {
	var pt Point
	done := make(chan bool)
	go func() {
		pt.Move(1) // want `data race: pt.X written`
		done <- true
	}()
	n := pt.Len()
	<-done
	return n
}

func MethodThroughPointerJoined() int {
	var pt Point
	done := make(chan bool)
	go func() {
		pt.Move(1)
		done <- true
	}()
	<-done
	return pt.Len()
}

// A helper called with the address of a captured variable.
func HelperWithAddress() {
	var pt Point
	var wg sync.WaitGroup
	wg.Add(2)
	go func() { defer wg.Done(); setX(&pt, 1) }() // want `data race: pt.X written`
	go func() { defer wg.Done(); setX(&pt, 2) }()
	wg.Wait()
}

// Different objects: no race.
func HelperDifferentObjects() {
	var a, b Point
	var wg sync.WaitGroup
	wg.Add(2)
	go func() { defer wg.Done(); setX(&a, 1) }()
	go func() { defer wg.Done(); setX(&b, 2) }()
	wg.Wait()
}

// A pointer passed to the goroutine function as an argument.
func worker(p *Point, wg *sync.WaitGroup) {
	defer wg.Done()
	p.Y++ // want `data race: pt.Y written`
}

func PointerArgument() {
	pt := &Point{}
	var wg sync.WaitGroup
	wg.Add(2)
	go worker(pt, &wg)
	go worker(pt, &wg)
	wg.Wait()
}

func PointerArgumentSeparate() {
	var wg sync.WaitGroup
	wg.Add(2)
	go worker(&Point{}, &wg)
	go worker(&Point{}, &wg)
	wg.Wait()
}

// A struct passed by value is a copy.
func byValue(p Point) int { p.X++; return p.X }

func ValueArgument() {
	pt := Point{}
	var wg sync.WaitGroup
	wg.Add(2)
	go func() { defer wg.Done(); byValue(pt) }()
	go func() { defer wg.Done(); byValue(pt) }()
	wg.Wait()
}

// Two levels of calls.
type Registry struct {
	items map[string]int
}

func (r *Registry) put(k string)  { r.items[k]++ }
func (r *Registry) Add(k string)  { r.put(k) } // want `data race: r.items\[k\] written`
func (r *Registry) Has(k string) bool {
	_, ok := r.items[k]
	return ok
}

func TwoLevels(r *Registry) bool {
	go r.Add("a")
	return r.Has("a")
}

type SafeRegistry struct {
	mu    sync.Mutex
	items map[string]int
}

func (r *SafeRegistry) put(k string) { r.items[k]++ }
func (r *SafeRegistry) Add(k string) {
	r.mu.Lock()
	defer r.mu.Unlock()
	r.put(k)
}
func (r *SafeRegistry) Has(k string) bool {
	r.mu.Lock()
	defer r.mu.Unlock()
	_, ok := r.items[k]
	return ok
}

func TwoLevelsLocked(r *SafeRegistry) bool {
	go r.Add("a")
	return r.Has("a")
}

// Fields of a struct reached through a shared pointer field.
type Conf struct{ Level int }
type Svc struct{ conf *Conf }

func (s *Svc) SetLevel(l int) { s.conf.Level = l } // want `data race: s.conf.Level written`
func (s *Svc) Level() int     { return s.conf.Level }

func SharedThroughField(s *Svc) {
	go s.SetLevel(1)
	go s.SetLevel(2)
}

func ReadOnlyThroughField(s *Svc) int {
	go s.Level()
	return s.Level()
}

// Recursion is summarized once.
type Node struct {
	Val  int
	Next *Node
}

func (n *Node) Sum() int {
	if n == nil {
		return 0
	}
	return n.Val + n.Next.Sum()
}

func RecursiveReaders(n *Node) int {
	go n.Sum()
	return n.Sum()
}

func (n *Node) Bump() {
	if n == nil {
		return
	}
	n.Val++ // want `data race: n.Val written`
	n.Next.Bump()
}

func RecursiveWriters(n *Node) {
	go n.Bump()
	go n.Bump()
}

// A closure assigned to a variable and called by the goroutine.
func ClosureHelper() int {
	total := 0
	add := func(v int) { total += v }
	done := make(chan bool)
	go func() {
		add(1) // want `data race: total written`
		done <- true
	}()
	add(2)
	<-done
	return total
}

// A global written by a helper called from two goroutines.
var lastErr error

func record(err error) { lastErr = err }

func GlobalViaHelper(errs []error) {
	var wg sync.WaitGroup
	for _, e := range errs {
		wg.Add(1)
		go func() {
			defer wg.Done()
			record(e) // want `data race: lastErr written`
		}()
	}
	wg.Wait()
}
