// Package nilevidence: nil results believed only at the `returns` evidence
// level (options.nil.evidence, --nil-evidence): a literal nil returned for a
// result with no error or bool beside it, undocumented and never checked.
// At the default level (documented) nothing here is reported.
package nilevidence

import "errors"

type User struct{ Name string }

type Store struct{ list []*User }

func (s *Store) ByEmail(e string) *User {
	for _, u := range s.list {
		if u.Name == e {
			return u
		}
	}
	return nil
}

func Greet(s *Store, e string) string {
	return "hello " + s.ByEmail(e).Name // want `(?s)nil panic: s.ByEmail\(…\) may be nil here .*nil returned from \(\*nilevidence.Store\).ByEmail`
}

func GreetChecked(s *Store, e string) string {
	if u := s.ByEmail(e); u != nil {
		return "hello " + u.Name // ok
	}
	return ""
}

var errNotFound = errors.New("not found")

// A (value, error) function: its literal nil comes with an error, under the contract.
func (s *Store) Find(e string) (*User, error) {
	if u := s.ByEmail(e); u != nil {
		return u, nil
	}
	return nil, errNotFound
}

func FindName(s *Store, e string) string {
	u, err := s.Find(e)
	if err != nil {
		return ""
	}
	return u.Name // ok
}

// A (value, bool) function: the bool says when the value is nil.
func (s *Store) Lookup(e string) (*User, bool) {
	if u := s.ByEmail(e); u != nil {
		return u, true
	}
	return nil, false
}

func LookupName(s *Store, e string) string {
	u, ok := s.Lookup(e)
	if !ok {
		return ""
	}
	return u.Name // ok
}

// Nil in, nil out: not a literal nil of its own.
func Clone(u *User) *User {
	if u == nil {
		return nil
	}
	c := *u
	return &c
}

func CloneName(u *User) string {
	return Clone(u).Name // ok
}
