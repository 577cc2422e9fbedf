// Package globalfields: struct fields as program-wide sites. Nil stored into a
// field in one function (Close), or left unset by a constructor, reaches a
// dereference of that field in another function; the trace crosses both.
package globalfields

type sink struct{ n int }

func (s *sink) put(v int) { s.n += v }

// ---- nil stored in Close, used by another method

type Pipe struct {
	out *sink
}

func NewPipe() *Pipe { return &Pipe{out: &sink{}} }

func (p *Pipe) Close() { p.out = nil }

func (p *Pipe) Closed() bool { return p.out == nil } // ok: a check (and the evidence that out can be nil)

func (p *Pipe) Write(v int) {
	p.out.put(v) // want `nil panic: p.out may be nil here \(method put called on it\)`
}

func (p *Pipe) Count() int {
	return p.out.n // want `nil panic: p.out may be nil here \(field n accessed\)`
}

func (p *Pipe) SafeWrite(v int) {
	if p.out == nil { // ok: checked before use
		return
	}
	p.out.put(v) // ok
}

func (p *Pipe) Reopen() {
	p.out = &sink{} // ok: this method sets the field itself
	p.out.put(1)    // ok
}

func (p *Pipe) ensure() {
	if p.out == nil {
		p.out = &sink{}
	}
}

func (p *Pipe) EnsuredWrite(v int) {
	p.ensure()   // may set p.out
	p.out.put(v) // ok: a method called on p first may have set it
}

func (p *Pipe) CopyOut() *sink {
	out := p.out           // the nil flows through a local
	return &sink{n: out.n} // want `nil panic: out may be nil here \(field n accessed\)`
}

// A function outside the type reads the field: the stored nil is the object's state, followed
// only into the type's own methods (through their receiver).
func usePipe(p *Pipe) int {
	return p.out.n // ok: not a method of Pipe
}

// ---- a map field left nil by one of two constructors

type Cache struct {
	name  string
	index map[string]int
}

func NewCache(name string) *Cache {
	return &Cache{name: name} // index is not set
}

func NewIndexedCache(name string) *Cache {
	return &Cache{name: name, index: map[string]int{}}
}

func (c *Cache) Has(k string) bool {
	if c.index == nil { // ok: checked
		return false
	}
	_, ok := c.index[k]
	return ok
}

func (c *Cache) Add(k string) {
	c.index[k] = 1 // want `nil panic: c.index may be nil here \(assignment to entry in nil map\)`
}

func (c *Cache) Get(k string) int {
	return c.index[k] // ok: reading a nil map is fine
}

// ---- a constructor that builds the value in a local

type Server struct {
	name    string
	handler func(int) int
}

func NewServer(name string) *Server {
	s := &Server{}
	s.name = name
	return s // handler is not set
}

func (s *Server) HasHandler() bool { return s.handler != nil } // ok

func (s *Server) Serve(v int) int {
	return s.handler(v) // want `nil panic: s.handler may be nil here \(nil function called\)`
}

// ---- negatives

// Logger's only constructor always sets w: no read of it is reported.
type Logger struct {
	w *sink
}

func NewLogger() *Logger { return &Logger{w: &sink{}} }

func (l *Logger) Ready() bool { return l.w != nil } // ok

func (l *Logger) Log(v int) { l.w.put(v) } // ok: always set by the only constructor

// Conn's field is set after construction by Dial (a life cycle): the constructor's nil is not a site.
type Conn struct {
	peer *sink
}

func NewConn() *Conn { return &Conn{} }

func (c *Conn) Dial() { c.peer = &sink{} }

func (c *Conn) Connected() bool { return c.peer != nil } // ok

func (c *Conn) Send(v int) { c.peer.put(v) } // ok: set by Dial, which the analysis does not order

// Buffer drops its storage for the garbage collector, and nothing ever checks it for nil:
// no evidence that code runs after the release, no report.
type Buffer struct {
	data *sink
}

func (b *Buffer) Release() { b.data = nil }

func (b *Buffer) Len() int { return b.data.n } // ok: no code compares data with nil

// Slot's field address escapes: it may be set through the pointer.
type Slot struct {
	v *sink
}

func (s *Slot) Clear()      { s.v = nil }
func (s *Slot) Empty() bool { return s.v == nil } // ok
func (s *Slot) Ref() **sink { return &s.v }
func (s *Slot) Value() int  { return s.v.n } // ok: &s.v is taken elsewhere

// A method with a value receiver stores nil into its own copy: the object is untouched.
type Writer struct {
	buf *sink
}

func NewWriter() *Writer { return &Writer{buf: &sink{}} }

func (w Writer) flush() { w.buf = nil }

func (w *Writer) Empty() bool { return w.buf == nil } // ok

func (w *Writer) Put(v int) { w.buf.put(v) } // ok: flush stores into a copy

// Lazy start in one branch: the method called there may set the field.
type Reader struct {
	src *sink
}

func NewReader() *Reader { return &Reader{src: &sink{}} }

func (r *Reader) Rewind() { r.src = nil }

func (r *Reader) start() { r.src = &sink{} }

func (r *Reader) Read() int {
	if r.src == nil {
		r.start()
	}
	return r.src.n // ok: start, called when it was nil, may have set it
}

// A copy over the whole value replaces the fields a fresh value left unset.
type Request struct {
	body *sink
}

func (r *Request) Clone() *Request {
	r2 := new(Request)
	*r2 = *r
	return r2 // ok: body is copied from r, not left nil
}

func (r *Request) HasBody() bool { return r.body != nil }

func ReadBody(r *Request) int {
	return r.Clone().body.n // ok: the clone's body is r's
}

// An unexported method resets the field: the package's own protocol, which the analysis does
// not see, decides when it runs (a `dispose` only ever called at the end).
type Pool struct {
	free *sink
}

func NewPool() *Pool { return &Pool{free: &sink{}} }

func (p *Pool) dispose() { p.free = nil }

func (p *Pool) Idle() bool { return p.free == nil } // ok

func (p *Pool) Put(v int) { p.free.put(v) } // ok: the nil comes from an unexported method

// An exported Close, but the read is in an unexported helper: not followed either.
func (p *Pipe) write(v int) { p.out.put(v) } // ok: not an exported method

// An unexported constructor leaves the field nil: callers inside the package know when.
type node struct {
	params *sink
}

func newNode() *node { return &node{} }

func (n *node) HasParams() bool { return n.params != nil } // ok

func (n *node) First() int { return n.params.n } // ok: the constructor is unexported

// A condition that calls a method on the field examines it.
type List struct {
	fields *fieldList
}

type fieldList struct{ list []int }

func (f *fieldList) Num() int {
	if f == nil {
		return 0
	}
	return len(f.list)
}

func NewList() *List { return &List{} }

func (l *List) Empty() bool { return l.fields == nil } // ok

func (l *List) First() int {
	if l.fields.Num() > 0 {
		return l.fields.list[0] // ok: the condition examined l.fields
	}
	return 0
}

func (l *List) Last() []int {
	return l.fields.list // want `nil panic: l.fields may be nil here \(field list accessed\)`
}
