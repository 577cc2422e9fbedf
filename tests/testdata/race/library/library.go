// Package library: standard-library types that are not safe for concurrent use,
// called without their source. A call of a pointer method is an access of the
// value: a write, unless the method only reads (String, Len).
package library

import (
	"bytes"
	"math/rand"
	"strings"
	"sync"
)

func Log(lines []string) string {
	var buf bytes.Buffer
	var wg sync.WaitGroup
	for _, l := range lines {
		wg.Add(1)
		go func() {
			defer wg.Done()
			buf.WriteString(l) // want `data race: buf written by the goroutine started at library.go:18; written at library.go:20 concurrently by another instance of the same goroutine`
		}()
	}
	wg.Wait()
	return buf.String()
}

func LogLocked(lines []string) string {
	var buf bytes.Buffer
	var mu sync.Mutex
	var wg sync.WaitGroup
	for _, l := range lines {
		wg.Add(1)
		go func() {
			defer wg.Done()
			mu.Lock()
			buf.WriteString(l)
			mu.Unlock()
		}()
	}
	wg.Wait()
	return buf.String()
}

func Peek() int {
	b := &strings.Builder{}
	done := make(chan bool)
	go func() {
		b.WriteString("y") // want `data race: \*b written by the goroutine started at library.go:47; read at library.go:51 by Peek, after it starts the goroutine`
		done <- true
	}()
	n := b.Len()
	<-done
	return n + b.Len()
}

func Shuffle(r *rand.Rand, xs [][]int) {
	var wg sync.WaitGroup
	for _, x := range xs {
		wg.Add(1)
		go func() {
			defer wg.Done()
			r.Shuffle(len(x), func(i, j int) { x[i], x[j] = x[j], x[i] }) // want `data race: \*r written by the goroutine started at library.go:60`
		}()
	}
	wg.Wait()
}

func Global(xs [][]int) {
	var wg sync.WaitGroup
	for _, x := range xs {
		wg.Add(1)
		go func() {
			defer wg.Done()
			rand.Shuffle(len(x), func(i, j int) { x[i], x[j] = x[j], x[i] })
		}()
	}
	wg.Wait()
}
