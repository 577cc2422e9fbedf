package variants

import "errors"

var errNotFound = errors.New("not found")

type Registry struct{ byName map[string]*Box }

// Lookup returns nil when no box has that name.
func (r *Registry) Lookup(name string) *Box { return r.byName[name] }

// Find returns nil when no box has that name.
func (r *Registry) Find(name string) *Box {
	if b, ok := r.byName[name]; ok {
		return b
	}
	return nil
}

// Open returns nil and errNotFound when no box has that name.
func (r *Registry) Open(name string) (*Box, error) {
	if b := r.Find(name); b != nil {
		return b, nil
	}
	return nil, errNotFound
}

// Peek returns nil, false when no box has that name.
func (r *Registry) Peek(name string) (*Box, bool) {
	b := r.Find(name)
	if b == nil {
		return nil, false
	}
	return b, true
}

func FindUse1(r *Registry) int { return r.Find("a").Width() }      // want `(?s)nil panic: r.Find\(…\) may be nil.*nil returned from \(\*variants.Registry\).Find`
func FindUse2(r *Registry) *Point { return r.Find("a").Min }       // want `(?s)nil panic: r.Find\(…\) may be nil.*field Min accessed`
func FindUse3(r *Registry) int { b := r.Find("a"); return b.Min.X } // want `(?s)nil panic: b may be nil.*assigned to b`
func FindUse4(r *Registry) int { return r.Find("a").SafeWidth() }  // ok: SafeWidth handles nil
func FindUse5(r *Registry) int {
	if b := r.Find("a"); b != nil {
		return b.Width() // ok
	}
	return 0
}
func FindUse6(r *Registry) int {
	b := r.Find("a")
	if b == nil {
		b = &Box{Min: &Point{}, Max: &Point{}}
	}
	return b.Width() // ok
}
func FindUse7(r *Registry) {
	r.Find("a").OnOpen() // want `(?s)nil panic: r.Find\(…\) may be nil.*field OnOpen accessed`
}

func OpenUse1(r *Registry) int {
	b, err := r.Open("a")
	if err != nil {
		return 0
	}
	return b.Width() // ok
}
func OpenUse2(r *Registry) int {
	b, err := r.Open("a")
	if err != nil {
		println(err.Error())
	}
	return b.Width() // want `(?s)nil panic: b may be nil.*nil returned from \(\*variants.Registry\).Open`
}
func OpenUse3(r *Registry) int {
	b, err := r.Open("a")
	if errors.Is(err, errNotFound) {
		return 0
	}
	return b.Width() // ok: errors.Is says nothing we can use either way
}
func OpenUse4(r *Registry) int {
	b, err := r.Open("a")
	if err == errNotFound {
		return -1
	}
	return b.Width() // ok: comparing with a sentinel makes no claim
}
func OpenUse5(r *Registry) int {
	b, err := r.Open("a")
	if err != nil {
		return b.Width() // want `(?s)nil panic: b may be nil`
	}
	return 0
}

func PeekUse1(r *Registry) int {
	b, ok := r.Peek("a")
	if !ok {
		return 0
	}
	return b.Width() // ok
}
func PeekUse2(r *Registry) int {
	b, ok := r.Peek("a")
	if ok {
		println("found")
	}
	return b.Width() // want `(?s)nil panic: b may be nil.*Peek`
}
func PeekUse3(r *Registry) int {
	b, _ := r.Peek("a")
	return b.Width() // ok: the flag is discarded deliberately
}

func LookupUse(r *Registry) int {
	return r.Lookup("a").Width() // ok: a map read inside Lookup is presumed to find its key
}

// chain returns the grandparent of b, or nil.
func chain(b *Box) *Box {
	if b.Parent == nil {
		return nil
	}
	return b.Parent.Parent
}

func ChainUse1(b *Box) int { return chain(b).Width() } // want `(?s)nil panic: chain\(…\) may be nil.*nil returned from variants.chain`
func ChainUse2(b *Box) int {
	if g := chain(b); g != nil {
		return g.Width() // ok
	}
	return 0
}

// widthOf dereferences its argument.
func widthOf(b *Box) int { return b.Width() }

// widthOrZero does not.
func widthOrZero(b *Box) int {
	if b == nil {
		return 0
	}
	return b.Width()
}

// twice forwards to widthOf: it requires a non-nil argument too.
func twice(b *Box) int { return 2 * widthOf(b) }

func PassUse1() int               { return widthOf(nil) }                 // want `(?s)nil panic: nil may be nil.*passed to variants.widthOf.*method Width called on it`
func PassUse2() int               { return widthOrZero(nil) }             // ok
func PassUse3() int               { return twice(nil) }                   // want `(?s)nil panic: nil may be nil.*passed to variants.twice`
func PassUse4(r *Registry) int    { return widthOf(r.Find("x")) }         // want `(?s)nil panic: r.Find\(…\) may be nil.*passed to variants.widthOf`
func PassUse5(r *Registry) int    { return widthOrZero(r.Find("x")) }     // ok
func PassUse6(r *Registry) (n int) { var b *Box; return widthOrZero(b) } // ok
func PassUse7() int               { var b *Box; return twice(b) }         // want `(?s)nil panic: b may be nil.*passed to variants.twice`
