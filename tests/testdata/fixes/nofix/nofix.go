// Package nofix: findings for which no fix is safe, so none is offered.
package nofix

import "sync"

type Node struct {
	Val  int
	Next *Node
}

// find returns the node holding v, or nil.
func find(n *Node, v int) *Node {
	for ; n != nil; n = n.Next {
		if n.Val == v {
			return n
		}
	}
	return nil
}

// The dereference is the right operand of ||: a check before the statement would change what the left one decides.
func WrongOr(n *Node) bool {
	m := find(n, 3)
	return m != nil || m.Val > 0 // want "nil"
}

// The nil value is not in a variable: there is nothing to check without rewriting the expression.
func Direct(n *Node) int {
	return find(n, 3).Val // want "nil"
}

// Cache: Peek forgets the lock, but it calls a method that takes it: locking Peek would deadlock.
type Cache struct {
	mu    sync.Mutex
	items map[string]string
	n     int
}

func (c *Cache) Put(k, v string) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.items[k] = v
	c.n++
}

func (c *Cache) Remove(k string) {
	c.mu.Lock()
	defer c.mu.Unlock()
	delete(c.items, k)
	c.n--
}

func (c *Cache) count() int {
	c.mu.Lock()
	defer c.mu.Unlock()
	return len(c.items)
}

func (c *Cache) Peek() (int, int) {
	return c.n, c.count() // want "race"
}

// Size forgets the lock too, but Trim calls it holding the lock: locking Size would deadlock Trim.
func (c *Cache) Size() int {
	return c.n // want "race"
}

func (c *Cache) Trim() {
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.Size() > 10 {
		c.items = map[string]string{}
		c.n = 0
	}
}

// Pump's loop runs for the life of the value: holding the lock across it would stall every other method.
type Pump struct {
	mu      sync.Mutex
	pending int
	in      chan int
}

func (p *Pump) Add() {
	p.mu.Lock()
	defer p.mu.Unlock()
	p.pending++
}

func (p *Pump) Done() {
	p.mu.Lock()
	defer p.mu.Unlock()
	p.pending--
}

func (p *Pump) Run() {
	for range p.in {
		p.pending-- // want "race"
	}
}

type Result struct{ Name string }

// The body names a variable after the result type before the dereference: Result{} would mean the variable there.
func Named(n *Node) (Result, error) {
	Result := Result{}
	m := find(n, 4)
	Result.Name = string(rune(m.Val)) // want "nil"
	return Result, nil
}
