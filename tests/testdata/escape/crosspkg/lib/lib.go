// Package lib is called from another package; it has no annotations.
package lib

import "vigil.test/escape/crosspkg/deep"

type Node struct{ Next *Node }

//go:noinline
func NewNode() *Node { return &Node{} }

//go:noinline
func Walk(n *Node) int {
	c := 0
	for ; n != nil; n = n.Next {
		c++
	}
	return c
}

// Small is inlined into callers in other packages.
func Small(v int) *Node {
	if v > 0 {
		return &Node{}
	}
	return nil
}

// Total passes through to deep, a package its callers do not import.
//
//go:noinline
func Total(a, b int) int { return deep.Record(a, b) }
