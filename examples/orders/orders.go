// Package orders is a small order service with the kinds of bugs Vigil finds:
// a nil that reaches a dereference, a counter shared by handlers without a
// lock, and a hot-path function whose promise not to allocate is broken.
package orders

import (
	"fmt"
	"net/http"
	"sync"
)

type Customer struct {
	Name  string
	Email string
}

type Order struct {
	ID       int
	Customer *Customer
	Items    []string
}

type Store struct {
	mu     sync.Mutex
	orders map[int]*Order
	served int
}

func NewStore() *Store { return &Store{orders: map[int]*Order{}} }

// Find returns nil when there is no such order.
func (s *Store) Find(id int) *Order {
	s.mu.Lock()
	defer s.mu.Unlock()
	o, ok := s.orders[id]
	if !ok {
		return nil
	}
	return o
}

// Receipt forgets that Find can return nil.
func (s *Store) Receipt(id int) string {
	o := s.Find(id)
	return fmt.Sprintf("order %d for %s", o.ID, o.Customer.Name)
}

// Cancel checks what Find returns, as callers must.
func (s *Store) Cancel(id int) bool {
	if o := s.Find(id); o != nil {
		s.mu.Lock()
		delete(s.orders, o.ID)
		s.mu.Unlock()
		return true
	}
	return false
}

func (s *Store) Add(o *Order) {
	s.mu.Lock()
	s.orders[o.ID] = o
	s.mu.Unlock()
}

// ServeHTTP counts requests without the lock that guards the store.
func (s *Store) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	s.served++
	fmt.Fprintln(w, s.Receipt(1))
}

func (s *Store) Served() int {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.served
}

func Serve(s *Store) error {
	http.Handle("/receipt", s)
	return http.ListenAndServe("localhost:8080", nil)
}

// Total is on the hot path: it promises not to allocate.
//
// +checkescape:hard
func Total(items []string) string {
	out := ""
	for _, it := range items {
		out += it
	}
	return out
}
