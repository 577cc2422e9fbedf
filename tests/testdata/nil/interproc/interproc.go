// Package interproc: nil flowing through results, parameters and receivers.
package interproc

type Item struct {
	ID   int
	Tags map[string]bool
}

type Store struct {
	items map[int]*Item
}

// Get returns nil for an unknown id.
func (s *Store) Get(id int) *Item {
	if it, ok := s.items[id]; ok {
		return it
	}
	return nil
}

// MustGet never returns nil: it panics instead.
func (s *Store) MustGet(id int) *Item {
	it := s.Get(id)
	if it == nil {
		panic("no item")
	}
	return it
}

// first forwards Get's nil.
func first(s *Store) *Item { return s.Get(1) }

// second forwards first's nil.
func second(s *Store) *Item {
	x := first(s)
	return x
}

func UseGet(s *Store) int {
	return s.Get(1).ID // want `(?s)nil panic: s.Get\(…\) may be nil .*nil returned from \(\*interproc.Store\).Get`
}

func UseMustGet(s *Store) int {
	return s.MustGet(1).ID // ok
}

func UseFirst(s *Store) int {
	return first(s).ID // want `(?s)nil panic: first\(…\) may be nil .*nil returned from interproc.first`
}

func UseSecond(s *Store) int {
	it := second(s)
	return it.ID // want `(?s)nil panic: it may be nil .*nil returned from interproc.second`
}

func UseSecondChecked(s *Store) int {
	if it := second(s); it != nil {
		return it.ID // ok
	}
	return 0
}

// idOf dereferences its parameter without checking it.
func idOf(it *Item) int { return it.ID }

// idOfSafe checks first.
func idOfSafe(it *Item) int {
	if it == nil {
		return -1
	}
	return it.ID
}

// viaIdOf passes its parameter on to idOf: it dereferences it too.
func viaIdOf(it *Item) int { return idOf(it) + 1 }

func PassNil() int {
	return idOf(nil) // want `(?s)nil panic: nil may be nil here \(passed to interproc.idOf, which dereferences it\)`
}

func PassNilSafe() int {
	return idOfSafe(nil) // ok
}

func PassNilTransitive() int {
	return viaIdOf(nil) // want `(?s)nil panic: nil .*passed to interproc.viaIdOf.*interproc.idOf parameter it`
}

func PassNilable(s *Store) int {
	it := s.Get(2)
	return idOf(it) // want `(?s)nil panic: it may be nil here \(passed to interproc.idOf`
}

func PassChecked(s *Store) int {
	it := s.Get(2)
	if it == nil {
		return 0
	}
	return idOf(it) // ok
}

// conditionalUse dereferences only under a condition: not a requirement on callers.
func conditionalUse(it *Item, verbose bool) int {
	if verbose {
		return it.ID
	}
	return 0
}

func PassNilConditional() int {
	return conditionalUse(nil, false) // ok
}

// Len handles a nil receiver.
func (it *Item) Len() int {
	if it == nil {
		return 0
	}
	return len(it.Tags)
}

// Key dereferences its receiver.
func (it *Item) Key() int { return it.ID }

func NilReceiverHandled(s *Store) int {
	return s.Get(3).Len() // ok: Len handles nil
}

func NilReceiverDereferenced(s *Store) int {
	return s.Get(3).Key() // want `(?s)nil panic: s.Get\(…\) may be nil here \(method Key called on it\)`
}

func NilTags(s *Store) {
	it := &Item{ID: 1}
	it.Tags["x"] = true // want `(?s)nil panic: it.Tags may be nil .*field Tags of it is not set`
}

// Recursion terminates and keeps the nil.
func walk(n int) *Item {
	if n == 0 {
		return nil
	}
	return walk(n - 1)
}

func UseWalkChecked() int {
	if w := walk(2); w != nil {
		return w.ID // ok
	}
	return 0
}

func UseMutualChecked() int {
	if m := mutualB(1); m == nil {
		return 0
	}
	return 1
}

func UseFirstChecked(s *Store) int {
	if first(s) == nil {
		return 0
	}
	return 1
}

// rarelyNil returns nil on a path no caller ever checks: its callers are
// presumed to call it only where it succeeds, so they are not reported.
func rarelyNil(n int) *Item {
	if n < 0 {
		return nil
	}
	return &Item{ID: n}
}

// undocumented: its doc comment does not speak of a missing result (an internal case).
func undocumented(n int) *Item {
	if n < 0 {
		return nil
	}
	return &Item{ID: n}
}

func UseUndocumented() int {
	if undocumented(-1) == nil {
		return 0
	}
	return undocumented(1).ID // ok: an undocumented nil result is presumed avoided by callers
}

func UseRarelyNil() int {
	return rarelyNil(1).ID // ok: no caller anywhere checks rarelyNil's result for nil
}

func UseWalk() int {
	return walk(3).ID // want `(?s)nil panic: walk\(…\) may be nil`
}

func mutualA(n int) *Item {
	if n <= 0 {
		return nil
	}
	return mutualB(n - 1)
}

// mutualB returns nil when n runs out.
func mutualB(n int) *Item { return mutualA(n) }

func UseMutual() int {
	return mutualB(4).ID // want `(?s)nil panic: mutualB\(…\) may be nil`
}

func newItem(id int) *Item { return &Item{ID: id, Tags: map[string]bool{}} }

func UseConstructor() int {
	it := newItem(1)
	it.Tags["a"] = true // ok
	return it.ID        // ok
}

// Generic functions: the nil flows through the instantiation.
func firstOr[T any](xs []*T) *T {
	if len(xs) == 0 {
		return nil
	}
	return xs[0]
}

func UseGeneric(xs []*Item) int {
	return firstOr(xs).ID // want `(?s)nil panic: firstOr\(…\) may be nil`
}

func UseGenericChecked(xs []*Item) int {
	if it := firstOr(xs); it != nil {
		return it.ID // ok
	}
	return 0
}

// Method values and method expressions.
func MethodExpr(s *Store) int {
	f := (*Item).Key
	return f(s.Get(1)) // ok: calls through a function value are not followed
}

func PassReceiverNil() int {
	return (*Item).Key(nil) // want `(?s)nil panic: nil .*passed to`
}
