package precision

import "sync"

// SkipList keeps the path of its last search in prevNode: only searches that will insert ask for it (prev true),
// and those hold the write lock; lookups hold the read side and pass false.
type SkipList struct {
	mu       sync.RWMutex
	nodes    []int
	prevNode [4]int
}

// findGE must be called with the write lock held when prev is true: it records the path in prevNode.
func (p *SkipList) findGE(key int, prev bool) int {
	node := 0
	for h := 3; h >= 0; h-- {
		for node+1 < len(p.nodes) && p.nodes[node+1] < key {
			node++
		}
		if prev {
			p.prevNode[h] = node
		}
	}
	return node
}

func (p *SkipList) Put(key int) {
	p.mu.Lock()
	defer p.mu.Unlock()
	n := p.findGE(key, true)
	p.nodes = append(p.nodes, key+p.prevNode[0]+n)
}

func (p *SkipList) Contains(key int) bool {
	p.mu.RLock()
	defer p.mu.RUnlock()
	n := p.findGE(key, false)
	return n < len(p.nodes) && p.nodes[n] == key
}

// Racy twin: a lookup that asks for the path while holding only the read side.
type SkipList2 struct {
	mu       sync.RWMutex
	nodes    []int
	prevNode [4]int
}

func (p *SkipList2) findGE(key int, prev bool) int {
	node := 0
	for h := 3; h >= 0; h-- {
		for node+1 < len(p.nodes) && p.nodes[node+1] < key {
			node++
		}
		if prev {
			p.prevNode[h] = node // want `data race: p.prevNode\[h\] written holding only the read side of p.mu in SkipList2.Nearest`
		}
	}
	return node
}

func (p *SkipList2) Put(key int) {
	p.mu.Lock()
	defer p.mu.Unlock()
	n := p.findGE(key, true)
	p.nodes = append(p.nodes, key+p.prevNode[0]+n)
}

func (p *SkipList2) Nearest(key int) int {
	p.mu.RLock()
	defer p.mu.RUnlock()
	return p.findGE(key, true)
}
