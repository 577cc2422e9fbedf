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

// ---- several methods make the field; one of them without looking (a reset) ----

// Command is built by its users as a literal (&Command{Use: "x"}): the buffer
// is made by Flags or LocalFlags on first use, or by ResetFlags.
type Command struct {
	Use    string
	errBuf *buffer
	flags  []string
}

func (c *Command) Flags() []string {
	if c.errBuf == nil {
		c.errBuf = &buffer{}
	}
	return c.flags
}

func (c *Command) LocalFlags() []string {
	if c.errBuf == nil {
		c.errBuf = &buffer{}
	}
	return c.flags[:0]
}

func (c *Command) ResetFlags() {
	c.errBuf = &buffer{}
	c.flags = nil
}

func (c *Command) ParseFlags(args []string) int {
	before := len(c.errBuf.B) // want `c.errBuf may be nil here`
	c.flags = append(c.flags, args...)
	return before
}

// Job's buffer is also made by its constructor, through the new value (not a
// method's receiver): a Job from NewJob has it.
type Job struct{ out *buffer }

func NewJob() *Job {
	j := new(Job)
	j.out = &buffer{}
	return j
}

func (j *Job) output() *buffer {
	if j.out == nil {
		j.out = &buffer{}
	}
	return j.out
}

func (j *Job) Reset() { j.out = &buffer{} }

func (j *Job) Len() int {
	return len(j.out.B) // ok: the constructor sets it
}
