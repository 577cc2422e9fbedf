package precision

// A group whose limit, by its documented contract, is set before any goroutine runs.
type LimitGroup struct {
	sem chan struct{}
	n   int
}

func (g *LimitGroup) Go(f func()) {
	if g.sem != nil {
		g.sem <- struct{}{}
	}
	go func() {
		defer g.done()
		f()
	}()
}

func (g *LimitGroup) done() {
	if g.sem != nil {
		<-g.sem
	}
}

// SetLimit limits the number of active goroutines to n.
//
// The limit must not be modified while any goroutines in the group are active.
func (g *LimitGroup) SetLimit(n int) {
	g.sem = make(chan struct{}, n)
}

// Racy twin: the same setter with no such contract.
type LimitGroup2 struct {
	sem chan struct{}
}

func (g *LimitGroup2) Go(f func()) {
	if g.sem != nil {
		g.sem <- struct{}{}
	}
	go func() {
		defer g.done()
		f()
	}()
}

func (g *LimitGroup2) done() {
	if g.sem != nil {
		<-g.sem
	}
}

// SetLimit limits the number of active goroutines to n.
func (g *LimitGroup2) SetLimit(n int) {
	g.sem = make(chan struct{}, n) // want `data race: g.sem written in LimitGroup2.SetLimit while the goroutine started by LimitGroup2.Go runs`
}
