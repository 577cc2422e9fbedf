// Package contracts: values the (value, error) contract guarantees, checked
// again for nil, contexts, and pools given a New function.
// Shapes from API clients (a response checked for nil after its error) and
// encoders (buffers from a sync.Pool); each with a twin that can panic.
package contracts

import (
	"context"
	"errors"
	"sync"
)

type Response struct{ Body []byte }

type Client struct{ fail bool }

func (c *Client) execute() (*Response, error) {
	if c.fail {
		return nil, errors.New("failed")
	}
	return &Response{}, nil
}

// lookup returns nil, nil when nothing matches.
func (c *Client) lookup(name string) (*Response, error) {
	if c.fail {
		return nil, errors.New("failed")
	}
	if name == "" {
		return nil, nil
	}
	return &Response{}, nil
}

func closeResponse(r *Response) {
	if r != nil {
		r.Body = nil
	}
}

// ---- a nil check after the error check is evidence, and is reported ----

func (c *Client) List() int {
	resp, err := c.execute()
	defer closeResponse(resp)
	if err != nil {
		return 0
	}
	if resp != nil {
		if len(resp.Body) == 0 {
			return -1
		}
	}
	return len(resp.Body) // want `resp may be nil here`: the check says the author expects a nil resp (minio-go's executeMethod does return (nil, nil))
}

func (c *Client) ListUnchecked() int {
	resp, err := c.execute()
	if resp != nil {
		println(len(resp.Body))
	}
	_ = err
	return len(resp.Body) // want `resp may be nil here`
}

func (c *Client) Find() int {
	resp, err := c.lookup("x")
	if err != nil {
		return 0
	}
	if resp != nil {
		println("found")
	}
	return len(resp.Body) // want `resp may be nil here`
}

// ---- the error reassigned to a non-nil value keeps its meaning ----

type connectError struct{ err error }

func (e *connectError) Error() string { return "connect: " + e.err.Error() }

func (c *Client) Connect() int {
	resp, err := c.execute()
	if err != nil {
		err = &connectError{err: err}
	}
	if err != nil {
		return 0
	}
	return len(resp.Body) // ok
}

// ---- pools ----

type buffer struct{ data []byte }

var bufPool = sync.Pool{New: func() any { return new(buffer) }}

var emptyPool sync.Pool

type Encoder struct{ pool *sync.Pool }

func NewEncoder() *Encoder {
	return &Encoder{pool: &sync.Pool{New: func() any { return new(buffer) }}}
}

func Encode(s string) int {
	b, _ := bufPool.Get().(*buffer)
	defer bufPool.Put(b)
	b.data = append(b.data[:0], s...) // ok: the pool has New
	return len(b.data)
}

func (e *Encoder) Encode(s string) int {
	b, _ := e.pool.Get().(*buffer)
	b.data = b.data[:0] // ok: the pool has New
	return len(s)
}

func EncodeEmptyPool(s string) int {
	b, _ := emptyPool.Get().(*buffer)
	b.data = b.data[:0] // want `b may be nil here`
	return len(s)
}

// ---- a nil check of a context.Context is defensive ----

func Wait(ctx context.Context, req *Response) int {
	if ctx != nil {
		println("with context")
	}
	<-ctx.Done() // ok: a nil Context is forbidden by the context package
	return len(req.Body)
}

type Doner interface{ Done() <-chan struct{} }

func WaitDoner(d Doner) {
	if d != nil {
		println("with doner")
	}
	<-d.Done() // want `d may be nil here`
}

// The error replaced by a new value in the branch where the call did not run
// (net/http's persistConn.readLoop): that branch never passes `err == nil`.
type readError struct{ err error }

func (e readError) Error() string { return e.err.Error() }

func (c *Client) ReadLoop(err error) int {
	var resp *Response
	if err == nil {
		resp, err = c.execute()
	} else {
		err = readError{err}
	}
	if err != nil {
		return 0
	}
	return len(resp.Body) // ok
}
