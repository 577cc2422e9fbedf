// Package provider returns nil in some cases; its callers live in another package.
package provider

type Session struct{ User string }

type Cache struct{ m map[string]*Session }

// Find returns nil when the session is unknown.
func (c *Cache) Find(id string) *Session {
	if s, ok := c.m[id]; ok {
		return s
	}
	return nil
}

// Must never returns nil.
func (c *Cache) Must(id string) *Session {
	if s := c.Find(id); s != nil {
		return s
	}
	return &Session{User: "anonymous"}
}

// Open returns nil only with an error.
func Open(id string) (*Session, error) {
	if id == "" {
		return nil, errNoID{}
	}
	return &Session{User: id}, nil
}

type errNoID struct{}

func (errNoID) Error() string { return "no id" }

// UserOf dereferences its argument.
func UserOf(s *Session) string { return s.User }

// Describe is safe with nil.
func Describe(s *Session) string {
	if s == nil {
		return "none"
	}
	return s.User
}

// Current returns the current session, or nil before login.
func Current(loggedIn bool) *Session {
	if !loggedIn {
		return nil
	}
	return &Session{User: "me"}
}
