package precision

import "sync"

// A tree of scopes whose root never records its children: NewNode appends to
// the parent's list only when the parent is not the root. Top-level nodes made
// concurrently under the root touch no shared list.
type Node struct {
	parent   *Node
	children []*Node
	name     string
}

var Root *Node

func init() { Root = &Node{name: "root"} }

func NewNode(parent *Node, name string) *Node {
	n := &Node{parent: parent, name: name}
	if parent != nil && parent != Root {
		parent.children = append(parent.children, n)
	}
	return n
}

// NewTopLevel builds a package-like node directly under the root.
func NewTopLevel(name string) *Node { return NewNode(Root, name) }

func BuildTopLevels(names []string) []*Node {
	out := make([]*Node, len(names))
	var wg sync.WaitGroup
	for i, name := range names {
		wg.Add(1)
		go func() {
			defer wg.Done()
			out[i] = NewTopLevel(name)
		}()
	}
	wg.Wait()
	return out
}

// Racy twin: the goroutines share a parent that is not the root.
func BuildUnder(parent *Node, names []string) {
	var wg sync.WaitGroup
	for _, name := range names {
		wg.Add(1)
		go func() {
			defer wg.Done()
			NewNode(parent, name) // want `data race: parent.children`
		}()
	}
	wg.Wait()
}

// Racy twin: the root of this tree can be replaced at run time, so the parent
// passed may no longer be the root the guard compares with.
type Group struct {
	members []*Group
}

var Everyone = &Group{}

func SetEveryone(g *Group) { Everyone = g }

func NewGroup(parent *Group) *Group {
	g := &Group{}
	if parent != Everyone {
		parent.members = append(parent.members, g)
	}
	return g
}

func NewGroups(n int) {
	var wg sync.WaitGroup
	for i := 0; i < n; i++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			NewGroup(Everyone) // want `data race: Everyone.members`
		}()
	}
	wg.Wait()
}
