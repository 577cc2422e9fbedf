// Package callbacks: a nil passed through a callback value (a named function
// type, or a function-typed field) reaches the function literals the program
// stores as that callback. Safe twins: a handler that checks the parameter,
// one whose nil comes with an error it checks first, a callback type nothing
// calls with nil.
package callbacks

import "errors"

type Subscription struct{ Subject string }

type Conn struct {
	onErr   ErrHandler
	onEvent func(*Subscription)
}

// ErrHandler is called with a nil subscription for connection-level errors.
type ErrHandler func(c *Conn, sub *Subscription, err error)

func (c *Conn) SetErrorHandler(h ErrHandler) { c.onErr = h }

func (c *Conn) connLost() {
	if c.onErr != nil {
		c.onErr(c, nil, errors.New("connection lost"))
	}
}

func (c *Conn) slow(sub *Subscription) {
	if c.onErr != nil {
		c.onErr(c, sub, errors.New("slow consumer"))
	}
}

func (c *Conn) closed() {
	if c.onEvent != nil {
		c.onEvent(nil)
	}
}

type Service struct{ counts map[string]int }

func (s *Service) Wire(c *Conn) {
	c.SetErrorHandler(func(c *Conn, sub *Subscription, err error) {
		s.counts[sub.Subject]++ // want `sub may be nil here`
	})
	c.onEvent = func(sub *Subscription) {
		s.counts[sub.Subject]-- // want `sub may be nil here`
	}
}

func (s *Service) WireChecked(c *Conn) {
	c.SetErrorHandler(func(c *Conn, sub *Subscription, err error) {
		if sub == nil {
			return
		}
		s.counts[sub.Subject]++ // ok: checked
	})
}

// Walker calls fn with a nil info, and the error, when it cannot read an entry.
type WalkFunc func(path string, info *Info, err error) error

type Info struct{ Dir bool }

func Walk(root string, fn WalkFunc) error {
	info, err := stat(root)
	if err != nil {
		return fn(root, nil, err)
	}
	return fn(root, info, nil)
}

func stat(p string) (*Info, error) {
	if p == "" {
		return nil, errors.New("empty path")
	}
	return &Info{}, nil
}

func CountDirs(root string) int {
	n := 0
	_ = Walk(root, func(path string, info *Info, err error) error {
		if err != nil {
			return err
		}
		if info.Dir { // ok: the nil comes with an error, checked first
			n++
		}
		return nil
	})
	return n
}

func CountDirsUnchecked(root string) int {
	n := 0
	_ = Walk(root, func(path string, info *Info, err error) error {
		if info.Dir { // want `info may be nil here`
			n++
		}
		return nil
	})
	return n
}

// Visitor is never called with a nil node.
type Visitor func(n *Info)

func Visit(all []*Info, v Visitor) {
	for _, n := range all {
		v(n)
	}
}

func CountVisited(all []*Info) int {
	n := 0
	Visit(all, func(i *Info) {
		if i.Dir { // ok: no call passes nil
			n++
		}
	})
	return n
}
