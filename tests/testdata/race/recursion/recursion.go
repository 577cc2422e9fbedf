// Package recursion: mutually recursive functions that touch shared state,
// reached from goroutines. Their summaries must not depend on which of them
// is summarized first.
package recursion

import "sync"

type Tree struct {
	mu       sync.Mutex
	size     int
	children []*Tree
}

var visited int

// walkA and walkB recurse into each other; walkB counts without the lock.
func walkA(t *Tree) {
	t.mu.Lock()
	t.size++
	t.mu.Unlock()
	for _, c := range t.children {
		walkB(c)
	}
}

func walkB(t *Tree) {
	visited++
	for _, c := range t.children {
		walkA(c)
	}
}

func Count(t *Tree) {
	var wg sync.WaitGroup
	for i := 0; i < 2; i++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			walkA(t) // want `data race: visited written .*inside the call, at recursion.go:27`
		}()
	}
	wg.Wait()
}
