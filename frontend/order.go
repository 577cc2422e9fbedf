package main

import (
	"container/heap"
	"strings"
)

// checkPlan is the order in which source-checked packages are type-checked
// and written, and which of them import each other in a cycle.
//
// go list prints dependencies first, but an import cycle (which go list -e
// reports as an error and carries on) has no such order: a package in a
// cycle would wait for itself forever. So the plan finds the cycles first
// (strongly connected components of the import graph), drops the imports
// inside each cycle — the importer then gets "import cycle not allowed", as
// go build says — and orders what is left, keeping go list's order wherever
// it already puts dependencies first.
type checkPlan struct {
	order     []*listedPackage    // dependencies before their importers
	component map[string]int      // import path -> its cycle's number, or absent
	cycles    [][]string          // each cycle's packages, in go list order
	imports   map[string][]string // import path -> its imports inside its cycle
}

// importIDs lists a package's imports as listed import paths (ImportMap
// applied: vendored paths and test variants).
func importIDs(p *listedPackage) []string {
	ids := make([]string, 0, len(p.Imports))
	for _, imp := range p.Imports {
		if m, ok := p.ImportMap[imp]; ok {
			imp = m
		}
		ids = append(ids, imp)
	}
	return ids
}

// planChecks orders pkgs (each package's imports within pkgs are its
// dependencies) and finds the cycles among them.
func planChecks(pkgs []*listedPackage) *checkPlan {
	index := make(map[string]int, len(pkgs))
	for i, p := range pkgs {
		index[p.ImportPath] = i
	}
	deps := make([][]int, len(pkgs))
	for i, p := range pkgs {
		for _, id := range importIDs(p) {
			if j, ok := index[id]; ok {
				deps[i] = append(deps[i], j)
			}
		}
	}
	comp := stronglyConnected(deps)

	plan := &checkPlan{component: map[string]int{}, imports: map[string][]string{}}
	size := map[int]int{}
	for _, c := range comp {
		size[c]++
	}
	cycleOf := map[int]int{}
	for i, p := range pkgs {
		cyclic := size[comp[i]] > 1
		for _, j := range deps[i] {
			cyclic = cyclic || j == i
		}
		if !cyclic {
			continue
		}
		n, ok := cycleOf[comp[i]]
		if !ok {
			n = len(plan.cycles)
			cycleOf[comp[i]] = n
			plan.cycles = append(plan.cycles, nil)
		}
		plan.component[p.ImportPath] = n
		plan.cycles[n] = append(plan.cycles[n], p.ImportPath)
		for _, j := range deps[i] {
			if comp[j] == comp[i] {
				plan.imports[p.ImportPath] = append(plan.imports[p.ImportPath], pkgs[j].ImportPath)
			}
		}
	}

	// Kahn's algorithm, always taking the ready package listed first: when
	// go list's order already puts dependencies first, it is kept as is.
	waiting := make([]int, len(pkgs))
	importers := make([][]int, len(pkgs))
	for i := range pkgs {
		for _, j := range deps[i] {
			if comp[i] == comp[j] {
				continue // an import inside a cycle is cut
			}
			waiting[i]++
			importers[j] = append(importers[j], i)
		}
	}
	ready := &intHeap{}
	for i := range pkgs {
		if waiting[i] == 0 {
			heap.Push(ready, i)
		}
	}
	for ready.Len() > 0 {
		i := heap.Pop(ready).(int)
		plan.order = append(plan.order, pkgs[i])
		for _, k := range importers[i] {
			if waiting[k]--; waiting[k] == 0 {
				heap.Push(ready, k)
			}
		}
	}
	return plan
}

// inCycle tells whether importing to from from is an import inside a cycle.
func (plan *checkPlan) inCycle(from, to string) bool {
	a, ok := plan.component[from]
	if !ok {
		return false
	}
	b, ok := plan.component[to]
	return ok && a == b
}

// cycleText describes the shortest import cycle through a package, as go
// build does: "a imports b imports a" (empty when there is none).
func (plan *checkPlan) cycleText(path string) string {
	if _, ok := plan.component[path]; !ok {
		return ""
	}
	// Breadth-first from path along imports inside the cycle, back to path.
	from := map[string]string{}
	queue := []string{path}
	for len(queue) > 0 {
		p := queue[0]
		queue = queue[1:]
		for _, q := range plan.imports[p] {
			if q == path {
				steps := []string{path}
				for at := p; at != path; at = from[at] {
					steps = append(steps, at)
				}
				steps = append(steps, path)
				// steps runs backwards from the last import; reverse the middle.
				for i, j := 1, len(steps)-2; i < j; i, j = i+1, j-1 {
					steps[i], steps[j] = steps[j], steps[i]
				}
				return strings.Join(steps, " imports ")
			}
			if _, seen := from[q]; !seen {
				from[q] = p
				queue = append(queue, q)
			}
		}
	}
	return strings.Join(plan.cycles[plan.component[path]], ", ")
}

// stronglyConnected numbers the strongly connected components of a graph
// given as adjacency lists (Tarjan's algorithm, with an explicit stack so
// that a long import chain cannot overflow the goroutine stack).
func stronglyConnected(adj [][]int) []int {
	n := len(adj)
	const unvisited = -1
	index := make([]int, n)
	low := make([]int, n)
	onStack := make([]bool, n)
	comp := make([]int, n)
	for i := range index {
		index[i] = unvisited
	}
	var stack []int
	type frame struct{ v, next int }
	next, comps := 0, 0
	for root := 0; root < n; root++ {
		if index[root] != unvisited {
			continue
		}
		calls := []frame{{root, 0}}
		index[root], low[root] = next, next
		next++
		stack = append(stack, root)
		onStack[root] = true
		for len(calls) > 0 {
			f := &calls[len(calls)-1]
			v := f.v
			if f.next < len(adj[v]) {
				w := adj[v][f.next]
				f.next++
				if index[w] == unvisited {
					index[w], low[w] = next, next
					next++
					stack = append(stack, w)
					onStack[w] = true
					calls = append(calls, frame{w, 0})
				} else if onStack[w] && index[w] < low[v] {
					low[v] = index[w]
				}
				continue
			}
			calls = calls[:len(calls)-1]
			if len(calls) > 0 {
				if u := calls[len(calls)-1].v; low[v] < low[u] {
					low[u] = low[v]
				}
			}
			if low[v] == index[v] {
				for {
					w := stack[len(stack)-1]
					stack = stack[:len(stack)-1]
					onStack[w] = false
					comp[w] = comps
					if w == v {
						break
					}
				}
				comps++
			}
		}
	}
	return comp
}

// intHeap is a min-heap of ints for container/heap.
type intHeap []int

func (h intHeap) Len() int           { return len(h) }
func (h intHeap) Less(i, j int) bool { return h[i] < h[j] }
func (h intHeap) Swap(i, j int)      { h[i], h[j] = h[j], h[i] }
func (h *intHeap) Push(x any)        { *h = append(*h, x.(int)) }
func (h *intHeap) Pop() any {
	old := *h
	x := old[len(old)-1]
	*h = old[:len(old)-1]
	return x
}
