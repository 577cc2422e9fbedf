// Package setteronly: a callback field that only a setter sets (no
// constructor, literal or default gives it a value) is nil for every user who
// did not call the setter; another exported method that calls it unchecked
// panics. Safe twins: a check first, a default in the constructor, a method
// that calls the setter itself, a field set some other way too.
package setteronly

type Event struct{ Name string }

type Logger interface{ Log(msg string) }

type Watcher struct {
	onChange func(Event)
	onError  func(error)
	logger   Logger
	audit    Logger
	events   chan Event
}

func New() *Watcher {
	return &Watcher{events: make(chan Event), onError: func(error) {}}
}

func (w *Watcher) OnChange(run func(Event)) { w.onChange = run }

func (w *Watcher) OnError(run func(error)) { w.onError = run }

func (w *Watcher) SetLogger(l Logger) { w.logger = l }

func (w *Watcher) SetAudit(l Logger) { w.audit = l }

// Watch calls the callback from its goroutine: a user who never called OnChange gets a nil call.
func (w *Watcher) Watch() {
	go func() {
		for ev := range w.events {
			w.onChange(ev) // want `w.onChange may be nil here`
		}
	}()
}

func (w *Watcher) Report(msg string) {
	w.logger.Log(msg) // want `w.logger may be nil here`
}

func (w *Watcher) WatchChecked() {
	go func() {
		for ev := range w.events {
			if w.onChange != nil {
				w.onChange(ev) // ok: checked
			}
		}
	}()
}

func (w *Watcher) Fail(err error) {
	w.onError(err) // ok: the constructor gives a default
}

func (w *Watcher) ReportTo(l Logger, msg string) {
	w.SetLogger(l)
	w.logger.Log(msg) // ok: the setter was just called
}

func (w *Watcher) Audit(msg string) {
	if w.audit == nil {
		return
	}
	w.audit.Log(msg) // ok: checked
}

// Server's handler is also set by Listen (not a setter): its life cycle is the package's.
type Server struct{ handler func(string) }

func (s *Server) Handle(h func(string)) { s.handler = h }

func (s *Server) Listen(h func(string)) error {
	s.handler = h
	return nil
}

func (s *Server) Serve(req string) {
	s.handler(req) // ok: set by Listen too
}

// ---- an exported field with a setter, read by another type of the package ----

type Painter interface{ Paint(line []rune) []rune }

// Config is filled in by its users; nothing in the package gives Painter a default.
type Config struct {
	Prompt   string
	Painter  Painter
	Listener Painter
}

func (c *Config) SetPainter(p Painter) { c.Painter = p }

func (c *Config) SetListener(p Painter) { c.Listener = p }

// Init gives the listener a default through its setter.
func (c *Config) Init() { c.SetListener(plain{}) }

type plain struct{}

func (plain) Paint(line []rune) []rune { return line }

type Buffer struct {
	cfg  *Config
	line []rune
}

func (b *Buffer) output() []rune {
	return b.cfg.Painter.Paint(b.line) // want `b.cfg.Painter may be nil here`
}

func (b *Buffer) echo() []rune {
	return b.cfg.Listener.Paint(b.line) // ok: Init sets a default through the setter
}

func (b *Buffer) outputChecked() []rune {
	if b.cfg.Painter == nil {
		return b.line
	}
	return b.cfg.Painter.Paint(b.line) // ok: checked
}

// ---- a chain the package links itself, through an interface ----

type Plan interface{ Run(v int) int }

type NextSetter interface{ SetNext(next Plan) }

type doublePlan struct{ next Plan }

func (p *doublePlan) SetNext(next Plan) { p.next = next }

func (p *doublePlan) Run(v int) int {
	return p.next.Run(2 * v) // ok: BuildPlan links every plan it makes
}

type identity struct{}

func (identity) Run(v int) int { return v }

func BuildPlan() Plan {
	var plan Plan = &doublePlan{}
	if s, ok := plan.(NextSetter); ok {
		s.SetNext(identity{})
	}
	return plan
}
