// Package idioms: common concurrent Go idioms, race-free, each with a racy twin.
package idioms

import "sync"

// Results indexed by the loop variable, some written by the loop itself before
// the goroutine of that iteration starts: earlier goroutines write other elements.
func Lengths(files []string) []int {
	var wg sync.WaitGroup
	out := make([]int, len(files))
	for i, f := range files {
		if f == "" {
			out[i] = -1 // ok
			continue
		}
		wg.Add(1)
		go func(i int, f string) {
			out[i] = len(f)
			wg.Done()
		}(i, f)
	}
	wg.Wait()
	return out
}

// The twin: after the go statement, the loop writes the element its own goroutine writes.
func LengthsRacy(files []string) []int {
	var wg sync.WaitGroup
	out := make([]int, len(files))
	for i, f := range files {
		wg.Add(1)
		go func(i int, f string) {
			out[i] = len(f) // want `data race: out\[i\] written by the goroutine .*written at idioms.go:36 by LengthsRacy, after it starts the goroutine`
			wg.Done()
		}(i, f)
		out[i] = 0
	}
	wg.Wait()
	return out
}

// The twin: an element every goroutine may write.
func FirstRacy(files []string) []int {
	var wg sync.WaitGroup
	out := make([]int, len(files))
	for i, f := range files {
		out[0]++ // want `data race: out\[0\] written in FirstRacy while the goroutine runs`
		wg.Add(1)
		go func(i int, f string) {
			out[i] = len(f)
			wg.Done()
		}(i, f)
	}
	wg.Wait()
	return out
}

// A closer goroutine waits for the workers and closes the results channel;
// once the range over it ends, every worker is done.
func Total(files []string) (int, error) {
	var wg sync.WaitGroup
	var firstErr error
	var once sync.Once
	results := make(chan int)
	for _, f := range files {
		wg.Add(1)
		go func(f string) {
			defer wg.Done()
			if f == "" {
				once.Do(func() { firstErr = errEmpty })
				return
			}
			results <- len(f)
		}(f)
	}
	go func() {
		wg.Wait()
		close(results)
	}()
	n := 0
	for r := range results {
		n += r
	}
	return n, firstErr // ok
}

// The twin: reading the error while results still arrive.
func TotalRacy(files []string) (int, error) {
	var wg sync.WaitGroup
	var lastErr error
	results := make(chan int)
	for _, f := range files {
		wg.Add(1)
		go func(f string) {
			defer wg.Done()
			if f == "" {
				lastErr = errEmpty // want `data race: lastErr written by the goroutine`
				return
			}
			results <- len(f)
		}(f)
	}
	go func() {
		wg.Wait()
		close(results)
	}()
	n := 0
	for r := range results {
		if lastErr != nil {
			break
		}
		n += r
	}
	return n, nil
}

// The twin: a closer that does not wait for the workers.
func TotalNoWait(files []string) (int, error) {
	var firstErr error
	results := make(chan int, len(files))
	done := make(chan bool)
	for _, f := range files {
		go func(f string) {
			if f == "" {
				firstErr = errEmpty // want `data race: firstErr written by the goroutine`
				return
			}
			results <- len(f)
		}(f)
	}
	go func() {
		<-done
		close(results) // want `data race: \*results written by the goroutine started at idioms.go:131; read at idioms.go:128`
	}()
	done <- true
	n := 0
	for r := range results {
		n += r
	}
	return n, firstErr
}

// The twin: one worker, its error read inside the range loop, before the
// closer has seen the worker finish.
func TotalReadsEarly(f string) int {
	var wg sync.WaitGroup
	var lastErr error
	results := make(chan int)
	wg.Add(1)
	go func() {
		defer wg.Done()
		if f == "" {
			lastErr = errEmpty // want `data race: lastErr written by the goroutine started at idioms.go:\d+; read at idioms.go:\d+ by TotalReadsEarly`
			return
		}
		results <- len(f)
	}()
	go func() {
		wg.Wait()
		close(results)
	}()
	n := 0
	for r := range results {
		if lastErr != nil {
			break
		}
		n += r
	}
	return n
}
