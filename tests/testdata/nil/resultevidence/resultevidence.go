// Package resultevidence: nil results believed at every caller without a
// caller's own nil check, because the callee says the nil is a normal
// outcome: it compared the value with nil and returned it anyway (a store's
// "not found"), or it documents a `(nil, nil)` return. Safe twins: the
// callee that stops on the nil (returns an error, or a default), a nil the
// caller checks, an undocumented `(nil, nil)`.
package resultevidence

import (
	"errors"
	"log"
)

type Packet interface{ ID() int }

type Store interface {
	Get(key string) Packet
	Keys() []string
}

type MemoryStore struct{ msgs map[string]Packet }

func (s *MemoryStore) Get(key string) Packet {
	m := s.msgs[key]
	if m == nil {
		log.Println("message not found", key)
	}
	return m
}

func (s *MemoryStore) Keys() []string {
	var ks []string
	for k := range s.msgs {
		ks = append(ks, k)
	}
	return ks
}

func NewMemoryStore() Store { return &MemoryStore{msgs: map[string]Packet{}} }

type client struct{ persist Store }

func (c *client) resume() int {
	n := 0
	for _, k := range c.persist.Keys() {
		p := c.persist.Get(k)
		n += p.ID() // want `p may be nil here`
	}
	return n
}

func (c *client) resumeChecked() int {
	n := 0
	for _, k := range c.persist.Keys() {
		if p := c.persist.Get(k); p != nil {
			n += p.ID() // ok: checked
		}
	}
	return n
}

type user struct{ name string }

type users struct{ byID map[int]*user }

// find logs a miss and hands the nil over: its callers must check.
func (u *users) find(id int) *user {
	x := u.byID[id]
	if x == nil {
		log.Printf("no user %d", id)
	}
	return x
}

func (u *users) Name(id int) string {
	return u.find(id).name // want `may be nil here`
}

// findOrDefault stops the nil it finds: never nil.
func (u *users) findOrDefault(id int) *user {
	x := u.byID[id]
	if x == nil {
		x = &user{name: "anonymous"}
	}
	return x
}

func (u *users) DefaultName(id int) string {
	return u.findOrDefault(id).name // ok: the nil branch assigns a value
}

// findErr turns the miss into an error.
func (u *users) findErr(id int) (*user, error) {
	x := u.byID[id]
	if x == nil {
		return nil, errors.New("no such user")
	}
	return x, nil
}

func (u *users) NameErr(id int) (string, error) {
	x, err := u.findErr(id)
	if err != nil {
		return "", err
	}
	return x.name, nil // ok: the error guards it
}

type Target struct{ URL string }

type Balancer interface {
	Next() (*Target, error)
}

type roundRobin struct {
	targets []*Target
	i       int
}

// Next returns the next target.
//
// Note: nil is returned when the target list is empty.
func (b *roundRobin) Next() (*Target, error) {
	if len(b.targets) == 0 {
		return nil, nil
	}
	b.i = (b.i + 1) % len(b.targets)
	return b.targets[b.i], nil
}

func NewRoundRobin(ts []*Target) Balancer { return &roundRobin{targets: ts} }

func proxy(bal Balancer) (string, error) {
	t, err := bal.Next()
	if err != nil {
		return "", err
	}
	return t.URL, nil // want `t may be nil here`
}

func proxyChecked(bal Balancer) (string, error) {
	t, err := bal.Next()
	if err != nil {
		return "", err
	}
	if t == nil {
		return "", errors.New("no target")
	}
	return t.URL, nil // ok: checked
}

type cache struct{ items map[string]*Target }

// lookup returns the cached target, or an error when it cannot be loaded.
func (c *cache) lookup(k string) (*Target, error) {
	if len(c.items) == 0 {
		return nil, nil
	}
	return c.items[k], nil
}

func (c *cache) URL(k string) (string, error) {
	t, err := c.lookup(k)
	if err != nil {
		return "", err
	}
	return t.URL, nil // ok: an undocumented (nil, nil) is not believed without a caller's check
}

type span struct{ base uintptr }

var spans map[uintptr]*span

// findSpan says the nil with its other result too: base is 0 exactly when s is nil,
// and callers test base (a correlation the check does not track), so its own nil
// check is no evidence.
func findSpan(p uintptr) (base uintptr, s *span) {
	s = spans[p]
	if s == nil {
		return
	}
	return s.base, s
}

func spanBase(p uintptr) uintptr {
	base, s := findSpan(p)
	if base == 0 {
		return 0
	}
	return s.base // ok: findSpan's nil comes with base == 0
}

type workbuf struct{ nobj int }

var free []*workbuf

func pop() *workbuf {
	if len(free) == 0 {
		return nil
	}
	b := free[len(free)-1]
	free = free[:len(free)-1]
	return b
}

// getBuf checks b and gives it another value on the nil branch (in a loop that
// always runs once): its nil comparison is no evidence that it returns nil.
func getBuf() *workbuf {
	var b *workbuf
	b = pop()
	if b == nil {
		for i := 0; i < 4; i++ {
			nb := &workbuf{}
			if i == 0 {
				b = nb
			} else {
				free = append(free, nb)
			}
		}
	}
	return b
}

func fill() int {
	buf := getBuf()
	return buf.nobj // ok: getBuf's nil check gave b another value
}
