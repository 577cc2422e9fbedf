// Package lazyfields: a field made on first use by one method (a buffer
// allocated when the body is first written), and another exported method
// that reads the field directly, bypassing that method: on a fresh value,
// the field is still nil. Safe twins: the method that goes through the
// initializer, checks the field, or a field a constructor also sets.
package lazyfields

type buffer struct{ B []byte }

type Response struct {
	body   *buffer
	header *buffer
	status int
}

func (r *Response) bodyBuffer() *buffer {
	if r.body == nil {
		r.body = &buffer{}
	}
	return r.body
}

func (r *Response) AppendBody(p []byte) {
	b := r.bodyBuffer()
	b.B = append(b.B, p...)
}

func (r *Response) ReleaseBody(size int) {
	if cap(r.body.B) > size { // want `r.body may be nil here`
		r.body = nil
	}
}

func (r *Response) BodyLen() int {
	return len(r.bodyBuffer().B) // ok: through the initializer
}

func (r *Response) Reset() {
	if r.body != nil {
		r.body.B = r.body.B[:0] // ok: checked
	}
}

func (r *Response) Body() []byte {
	r.bodyBuffer()
	return r.body.B // ok: the initializer ran just before
}

// header is made on first use too, but also by the constructor: a Response
// from NewResponse has it, and code reading it directly may rely on that.
func NewResponse() *Response { return &Response{header: &buffer{}} }

func (r *Response) headerBuffer() *buffer {
	if r.header == nil {
		r.header = &buffer{}
	}
	return r.header
}

func (r *Response) HeaderLen() int {
	return len(r.header.B) // ok: set outside the lazy initializer
}

// ---- a method that releases a field reads what another method left ----

type Conn struct {
	buf  *buffer
	sent int
}

// Reset drops the buffer (the next write makes a new one).
func (c *Conn) Reset() {
	c.buf = nil
}

func (c *Conn) Write(p []byte) {
	if c.buf == nil {
		c.buf = &buffer{}
	}
	c.buf.B = append(c.buf.B, p...)
}

func (c *Conn) Release(limit int) {
	if cap(c.buf.B) > limit { // want `c.buf may be nil here`
		c.buf = nil
	}
}

func (c *Conn) Flush() int {
	if c.buf == nil {
		return 0
	}
	n := len(c.buf.B) // ok: checked
	c.buf = nil
	return n
}
