// Package forms: access forms that are easy to overlook (`_ = x`, close against send, len of a channel
// variable, a mutex overwritten while in use) and select cases that can never run. Racy and fixed twins.
package forms

import "sync"

func load() map[string]int { return map[string]int{"a": 1} }

// `_ = x` evaluates x: it reads it.
func WarmRacy() {
	var cache map[string]int
	done := make(chan bool)
	go func() {
		cache = load() // want `data race: cache written by the goroutine`
		done <- true
	}()
	_ = cache
	<-done
}

func WarmJoined() {
	var cache map[string]int
	done := make(chan bool)
	go func() {
		cache = load()
		done <- true
	}()
	<-done
	_ = cache
}

// Closing a channel while a producer may still send on it: the send panics.
func FanInRacy(inputs []int) int {
	out := make(chan int, len(inputs))
	for _, in := range inputs {
		go func(v int) {
			out <- v * 2
		}(in)
	}
	close(out) // want `data race: \*out written in FanInRacy while the goroutine runs; read at forms.go:37`
	sum := 0
	for v := range out {
		sum += v
	}
	return sum
}

func FanInWaited(inputs []int) int {
	out := make(chan int, len(inputs))
	var wg sync.WaitGroup
	for _, in := range inputs {
		wg.Add(1)
		go func(v int) {
			defer wg.Done()
			out <- v * 2
		}(in)
	}
	wg.Wait()
	close(out)
	sum := 0
	for v := range out {
		sum += v
	}
	return sum
}

// The closer and the sender are both goroutines, and nothing orders them.
func StopRacy(work chan int) {
	done := make(chan bool, 2)
	go func() {
		work <- 1
		done <- true
	}()
	go func() {
		close(work) // want `data race: \*work written by the goroutine started at forms.go:74; read at forms.go:71`
		done <- true
	}()
	<-done
	<-done
}

// The closer waits for the sender's acknowledgement first.
func StopAcked(work chan int) {
	done := make(chan bool, 2)
	sent := make(chan bool)
	go func() {
		work <- 1
		sent <- true
		done <- true
	}()
	go func() {
		<-sent
		close(work)
		done <- true
	}()
	<-done
	<-done
}

// len of a channel reads the variable that holds it, which the parent replaces.
func BacklogRacy() int {
	jobs := make(chan int, 8)
	n := make(chan int)
	go func() {
		n <- len(jobs)
	}()
	jobs = make(chan int, 16) // want `data race: jobs written in BacklogRacy while the goroutine runs; read at forms.go:105`
	return <-n
}

func BacklogBefore() int {
	jobs := make(chan int, 8)
	jobs = make(chan int, 16)
	n := make(chan int)
	go func() {
		n <- len(jobs)
	}()
	return <-n
}

// A mutex overwritten while another goroutine uses it: resetting a struct by assigning a zero value
// over it also resets its lock.
type Stats struct {
	mu sync.Mutex
	n  int
}

func (s *Stats) Inc() {
	s.mu.Lock()
	s.n++
	s.mu.Unlock()
}

func ResetRacy(s *Stats) {
	done := make(chan bool)
	go func() {
		s.Inc()
		done <- true
	}()
	*s = Stats{} // want `data race: \*s written without holding s.mu in ResetRacy`
	<-done
}

func ResetLocked(s *Stats) {
	done := make(chan bool)
	go func() {
		s.Inc()
		done <- true
	}()
	s.mu.Lock()
	s.n = 0
	s.mu.Unlock()
	<-done
}

// A select case on a channel nobody sends on or closes never runs: the other case always does.
func HandoffSelect() int {
	data := 0
	ready := make(chan bool)
	never := make(chan bool)
	go func() {
		data = 42
		ready <- true
	}()
	select {
	case <-ready:
	case <-never:
	}
	return data
}

// Replacing only the lock while a goroutine locks it.
func ReinitRacy(s *Stats) {
	done := make(chan bool)
	go func() {
		s.Inc()
		done <- true
	}()
	s.mu = sync.Mutex{} // want `data race: s.mu written in ReinitRacy while the goroutine runs; written atomically at forms.go:176`
	<-done
}

func ReinitBefore(s *Stats) {
	s.mu = sync.Mutex{}
	done := make(chan bool)
	go func() {
		s.Inc()
		done <- true
	}()
	<-done
}

// A map read through a local copy of the field is the field's map: writing it races with the lock holders.
type Client struct {
	mu   sync.Mutex
	opts map[string]string
}

func (c *Client) Set(k, v string) {
	c.mu.Lock()
	c.opts[k] = v
	c.mu.Unlock()
}

func (c *Client) OverrideRacy(k, v string) {
	done := make(chan bool)
	go func() {
		c.Set("a", "b")
		done <- true
	}()
	o := c.opts
	o[k] = v // want `data race: c.opts\[k\] written without holding c.mu in Client.OverrideRacy while the goroutine runs`
	<-done
}

func (c *Client) OverrideLocked(k, v string) {
	done := make(chan bool)
	go func() {
		c.Set("a", "b")
		done <- true
	}()
	c.mu.Lock()
	o := c.opts
	o[k] = v
	c.mu.Unlock()
	<-done
}

// A slice copied to another local shares its elements.
func SharedSliceRacy() {
	s := make([]int, 10)
	s2 := s
	done := make(chan bool)
	go func() {
		s[3] = 3 // want `data race: s\[3\] written by the goroutine started at forms.go:234; written at forms.go:238`
		done <- true
	}()
	s2[3] = 4
	<-done
}

func SharedSliceJoined() {
	s := make([]int, 10)
	s2 := s
	done := make(chan bool)
	go func() {
		s[3] = 3
		done <- true
	}()
	<-done
	s2[3] = 4
}
