// Package entry: the ways code starts running concurrently.
package entry

import (
	"net/http"
	"sync"
	"time"
)

type Stats struct {
	mu    sync.Mutex
	count int
}

func (s *Stats) record() { s.count++ } // want `data race: s.count written`

func (s *Stats) recordLocked() {
	s.mu.Lock()
	s.count++
	s.mu.Unlock()
}

// A method value started as a goroutine, twice.
func MethodValueTwice(s *Stats) {
	go s.record()
	go s.record()
}

func MethodValueLocked(s *Stats) {
	go s.recordLocked()
	go s.recordLocked()
}

// A named function started in a loop runs concurrently with itself.
var hits int

func hit() { hits++ } // want `data race: hits written .*another instance`

func NamedInLoop(n int) {
	for i := 0; i < n; i++ {
		go hit()
	}
}

// A function value variable started as a goroutine.
func FuncVariable() int {
	x := 0
	f := func() { x = 1 } // want `data race: x written`
	go f()
	return x
}

// net/http handlers run concurrently with themselves.
var requests int

func CountRequests() {
	http.HandleFunc("/", func(w http.ResponseWriter, r *http.Request) {
		requests++ // want `data race: requests written by the handler registered at entry.go:57`
	})
}

var reqMu sync.Mutex

func CountRequestsLocked() {
	http.HandleFunc("/locked", func(w http.ResponseWriter, r *http.Request) {
		reqMu.Lock()
		requests++
		reqMu.Unlock()
	})
}

type Handler struct {
	served int
	mu     sync.Mutex
}

func (h *Handler) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	h.served++ // want `data race: .*served written by the handler`
}

func Register(mux *http.ServeMux) {
	mux.Handle("/h", &Handler{})
}

type SafeHandler struct {
	mu     sync.Mutex
	served int
}

func (h *SafeHandler) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	h.mu.Lock()
	defer h.mu.Unlock()
	h.served++
}

func RegisterSafe(mux *http.ServeMux) {
	mux.Handle("/s", &SafeHandler{})
}

// Per-request state is not shared.
func PerRequest() {
	http.HandleFunc("/p", func(w http.ResponseWriter, r *http.Request) {
		n := 0
		n++
		_ = n
	})
}

// time.AfterFunc runs the function in its own goroutine.
func Timer() int {
	fired := false
	time.AfterFunc(time.Second, func() {
		fired = true // want `data race: fired written by the timer function`
	})
	if fired {
		return 1
	}
	return 0
}

func TimerJoined() bool {
	fired := false
	done := make(chan bool)
	time.AfterFunc(time.Millisecond, func() {
		fired = true
		done <- true
	})
	<-done
	return fired
}

// errgroup-style: a type whose Go method starts a goroutine running its argument.
type Group struct {
	wg  sync.WaitGroup
	err error
	mu  sync.Mutex
}

func (g *Group) Go(f func() error) {
	g.wg.Add(1)
	go func() {
		defer g.wg.Done()
		if err := f(); err != nil {
			g.mu.Lock()
			g.err = err
			g.mu.Unlock()
		}
	}()
}

func (g *Group) Wait() error {
	g.wg.Wait()
	return g.err
}

func GroupRacy(items []int) int {
	var g Group
	sum := 0
	for _, it := range items {
		g.Go(func() error {
			sum += it // want `data race: sum written .*another instance`
			return nil
		})
	}
	g.Wait()
	return sum
}

func GroupSafe(items []int) []int {
	var g Group
	out := make([]int, len(items))
	for i, it := range items {
		g.Go(func() error {
			out[i] = it * 2
			return nil
		})
	}
	g.Wait()
	return out
}

func GroupReadBeforeWait(items []int) int {
	var g Group
	var mu sync.Mutex
	sum := 0
	for _, it := range items {
		g.Go(func() error {
			mu.Lock()
			sum += it
			mu.Unlock()
			return nil
		})
	}
	s := sum // want `data race: sum read without holding mu`
	g.Wait()
	return s
}

// Once.Do as an entry: the body runs once even when many goroutines call it.
var (
	initOnce sync.Once
	settings map[string]string
)

func Settings() map[string]string {
	initOnce.Do(func() { settings = map[string]string{"a": "b"} })
	return settings
}

func UseSettings() {
	go Settings()
	go Settings()
}

// A goroutine started in a function that is itself called twice.
func startWorker(counter *int) {
	go func() { *counter++ }() // want `data race: (n|\*counter) written`
}

func StartTwo() {
	n := 0
	startWorker(&n)
	startWorker(&n)
}

func StartTwoSeparate() {
	a, b := 0, 0
	startWorker(&a)
	startWorker(&b)
}
