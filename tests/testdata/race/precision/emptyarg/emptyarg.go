// Package emptyarg: a callee writes a field only when a parameter is non-empty (`if len(md) > 0`), and the call on
// the goroutine's path passes nil: that write never runs there (grpc's CloseStream → closeStream(..., nil)).
package emptyarg

import (
	"context"
	"sync"
)

type Stream struct {
	mu      sync.Mutex
	done    bool
	trailer map[string][]string
}

type Transport struct{ mu sync.Mutex }

// closeStream records the trailer the server sent, if any.
func (t *Transport) closeStream(s *Stream, md map[string][]string) {
	t.mu.Lock()
	s.done = true
	t.mu.Unlock()
	if len(md) > 0 {
		s.trailer = md
	}
}

// CloseStream ends a stream from the client side: there is no trailer to record.
func (t *Transport) CloseStream(s *Stream) { t.closeStream(s, nil) }


type ClientStream struct {
	t *Transport
	s *Stream
}

// NewClientStream leaves a goroutine running that closes the stream when the context ends.
func NewClientStream(ctx context.Context, t *Transport) *ClientStream {
	cs := &ClientStream{t: t, s: &Stream{}}
	go func() {
		<-ctx.Done()
		cs.t.CloseStream(cs.s)
	}()
	return cs
}

func (cs *ClientStream) Trailer() map[string][]string {
	return cs.s.trailer
}

// Racy twin: the goroutine records trailers it was given (a non-nil argument), so the write runs while the caller
// reads the trailer.
type Transport2 struct{ mu sync.Mutex }

func (t *Transport2) closeStream(s *Stream, md map[string][]string) {
	t.mu.Lock()
	s.done = true
	t.mu.Unlock()
	if len(md) > 0 {
		s.trailer = md
	}
}

// HandleTrailers is what the reader calls when the server's trailers arrive.
func (t *Transport2) HandleTrailers(s *Stream, md map[string][]string) { t.closeStream(s, md) }

type ClientStream2 struct {
	t *Transport2
	s *Stream
}

func NewClientStream2(ctx context.Context, t *Transport2, md map[string][]string) *ClientStream2 {
	cs := &ClientStream2{t: t, s: &Stream{}}
	go func() {
		<-ctx.Done()
		cs.t.HandleTrailers(cs.s, md) // want `data race: cs.s.trailer written by the goroutine started at emptyarg.go:74; read at emptyarg.go:82 by ClientStream2.Trailer`
	}()
	return cs
}

func (cs *ClientStream2) Trailer() map[string][]string {
	return cs.s.trailer
}

// Racy twin: the guard is on the length of a string the call passes non-empty.
type Named struct {
	name string
}

func (n *Named) rename(to string) {
	if len(to) != 0 {
		n.name = to
	}
}

func NewNamed(ctx context.Context) *Named {
	n := &Named{}
	go func() {
		<-ctx.Done()
		n.rename("closed") // want `data race: n.name written by the goroutine started at emptyarg.go:98; read at emptyarg.go:106 by Named.Name`
	}()
	return n
}

func (n *Named) Name() string {
	return n.name
}

// The same with an empty string: the rename never happens on the goroutine's path.
type Named2 struct {
	name string
}

func (n *Named2) rename(to string) {
	if len(to) != 0 {
		n.name = to
	}
}

func NewNamed2(ctx context.Context) *Named2 {
	n := &Named2{}
	go func() {
		<-ctx.Done()
		n.rename("")
	}()
	return n
}

func (n *Named2) Name() string {
	return n.name
}
