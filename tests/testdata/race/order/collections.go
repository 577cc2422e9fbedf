package order

// One goroutine per element, each closing its element's channel last; then a loop over the same slice
// receives from every element's channel: after that loop, every goroutine has ended.
type server struct {
	lns []listener
}

type listener struct {
	name  string
	count int
	done  chan bool
}

func serve(l *listener) { l.count++ }

func (s *server) RunAll() {
	for i := range s.lns {
		go func(i int) {
			serve(&s.lns[i])
			close(s.lns[i].done)
		}(i)
	}
	for i := range s.lns {
		<-s.lns[i].done
	}
	s.lns = s.lns[:0]
}

// Ranging by value over a slice of pointers to the same workers: the copy points to the same channel; the
// goroutine captures the per-iteration loop variable.
type pool struct {
	ws []*worker
}

type worker struct {
	out  int
	done chan bool
}

func (p *pool) RunAllByValue() {
	for i := range p.ws {
		go func() {
			p.ws[i].out = 1
			close(p.ws[i].done)
		}()
	}
	for _, w := range p.ws {
		<-w.done
	}
	p.ws = nil
}

// The wait skips some elements: their goroutines may still run.
func (s *server) RunSomeWaited() {
	for i := range s.lns {
		go func(i int) {
			serve(&s.lns[i])
			close(s.lns[i].done)
		}(i)
	}
	for i := range s.lns {
		if s.lns[i].name != "" {
			<-s.lns[i].done
		}
	}
	s.lns = nil // want `data race: s.lns written in server.RunSomeWaited while the goroutine runs`
}

// The wait ranges over another slice.
func (s *server) RunOtherWaited(other []listener) {
	for i := range s.lns {
		go func(i int) {
			serve(&s.lns[i])
			close(s.lns[i].done)
		}(i)
	}
	for i := range other {
		<-other[i].done
	}
	s.lns = nil // want `data race: s.lns written in server.RunOtherWaited while the goroutine runs`
}

// The goroutine signals before it is done with the element.
func (s *server) RunSignalFirst() {
	for i := range s.lns {
		go func(i int) {
			close(s.lns[i].done)
			serve(&s.lns[i])
		}(i)
	}
	for i := range s.lns {
		<-s.lns[i].done
	}
	s.lns = nil // want `data race: s.lns written in server.RunSignalFirst while the goroutine runs`
}
