// Package nilfix: nil panics whose suggested fix, an early return before the
// dereference in the function's own error style, is applied by the fixes
// test to a copy of this package, which must then build and be clean.
package nilfix

import (
	"errors"
	"fmt"
)

type Order struct {
	ID   int
	Qty  int
	Name string
}

type Point struct{ X, Y int }

type Store struct{ orders map[int]*Order }

// Find returns nil when there is no such order.
func (s *Store) Find(id int) *Order {
	o, ok := s.orders[id]
	if !ok {
		return nil
	}
	return o
}

// Cancel checks what Find returns, as callers must: the evidence that the nil is real.
func (s *Store) Cancel(id int) bool {
	if o := s.Find(id); o != nil {
		delete(s.orders, id)
		return true
	}
	return false
}

// A result of a basic type: its zero value.
func Quantity(s *Store, id int) int {
	o := s.Find(id)
	return o.Qty // want "nil"
}

// No result: a bare return.
func Print(s *Store, id int) {
	o := s.Find(id)
	fmt.Println(o.Name) // want "nil"
}

// The function makes its errors with fmt.Errorf: so does the fix.
func Load(s *Store, id int) (Order, error) {
	if id < 0 {
		return Order{}, fmt.Errorf("bad id %d", id)
	}
	o := s.Find(id)
	return *o, nil // want "nil"
}

// The function makes its errors with errors.New: so does the fix, though fmt is imported too.
func Rename(s *Store, id int, name string) error {
	if name == "" {
		return errors.New("empty name")
	}
	o := s.Find(id)
	o.Name = name // want "nil"
	return nil
}

// A comma-ok result: false.
func Lookup(s *Store, id int) (int, bool) {
	o := s.Find(id)
	return o.Qty, true // want "nil"
}

// A struct result and a type parameter: Point{} and *new(T).
func Tagged[T any](s *Store, id int, tag T) (T, Point, error) {
	o := s.Find(id)
	return tag, Point{X: o.ID}, nil // want "nil"
}

// Inside a case body: the check takes the case's indentation.
func Kind(s *Store, id int) string {
	switch {
	case id > 100:
		o := s.Find(id)
		return o.Name // want "nil"
	}
	return "small"
}

// A function literal returns on its own terms (an error), not the enclosing function's.
func Bump(s *Store, id int) func() error {
	return func() error {
		o := s.Find(id)
		o.Qty++ // want "nil"
		return nil
	}
}
