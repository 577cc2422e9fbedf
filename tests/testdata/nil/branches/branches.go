// Package branches: nils a single function shows, in the shapes shipped bugs
// took in clients and storage libraries: a branch entered because a pointer is
// nil (one operand of ||) that dereferences it anyway; a variable declared
// without a value that one optional branch assigns, used after that branch; a
// (value, error) call whose error is thrown away. Each bug has safe twins.
package branches

import (
	"errors"
	"io"
	"net"
	"os"
	"strconv"
)

type jsInfo struct {
	consumer string
	ordered  bool
}

type Subscription struct {
	jsi  *jsInfo
	conn net.Conn
	done bool
}

var errNotJS = errors.New("not a JetStream subscription")

// ---- a branch entered when the pointer is nil: `if p == nil || c { p.f }` ----

func (s *Subscription) ConsumerInfo() (string, error) {
	if s.jsi == nil || s.jsi.consumer == "" {
		if s.jsi.ordered { // want `s.jsi may be nil here`
			return "", errors.New("ordered consumer reset")
		}
		return "", errNotJS
	}
	return s.jsi.consumer, nil // ok
}

func (s *Subscription) ConsumerInfoFixed() (string, error) {
	if s.jsi == nil {
		return "", errNotJS
	} else if s.jsi.consumer == "" {
		return "", errNotJS
	}
	return s.jsi.consumer, nil // ok
}

func (s *Subscription) Ordered() bool {
	if s.jsi == nil || s.done {
		return false
	}
	return s.jsi.ordered // ok: both ways into the branch return
}

func (s *Subscription) Reset() {
	if s.jsi == nil || s.jsi.consumer == "" {
		s.jsi = &jsInfo{}
	}
	s.jsi.ordered = false // ok: set in the branch
}

func (s *Subscription) Close() error {
	if s.conn == nil || s.done || s.jsi == nil {
		return s.conn.Close() // want `s.conn may be nil here`
	}
	return nil
}

func (s *Subscription) Touch() {
	if s.jsi == nil || s.done {
		println("nothing to touch")
	}
	// Past the branch, a field's nil-ness is object state (kept by conditions the analysis
	// does not follow): not reported.
	s.jsi.ordered = true // ok
}

func parse(v *jsInfo, strict bool) string {
	if v == nil || strict {
		return v.consumer // want `v may be nil here`
	}
	return ""
}

// ---- a variable one optional branch assigns, used after it ----

type request struct{ length int64 }

func putBucket(location string) (*request, error) {
	var body *reader
	switch {
	case location != "":
		cfg := []byte("<Location>" + location + "</Location>")
		body = newReader(cfg)
	}
	r := &request{}
	r.length = int64(lengthOf(body)) // want `body may be nil here`
	return r, nil
}

type reader struct {
	b []byte
	i int
}

func newReader(b []byte) *reader { return &reader{b: b} }

func (r *reader) Len() int { return len(r.b) - r.i }

func lengthOf(r *reader) int { return r.Len() }

type buffer struct{ data []byte }

func (b *buffer) Len() int { return len(b.data) }

func sizeIf(compress bool, data []byte) int {
	var buf *buffer
	if compress {
		buf = &buffer{data: data[:len(data)/2]}
	}
	return buf.Len() // want `buf may be nil here`
}

func sizeElse(compress bool, data []byte) int {
	var buf *buffer
	if compress {
		buf = &buffer{data: data[:len(data)/2]}
	} else {
		buf = &buffer{data: data}
	}
	return buf.Len() // ok: both branches assign
}

func sizeSameCondition(compress bool, data []byte) int {
	var buf *buffer
	if compress {
		buf = &buffer{data: data[:len(data)/2]}
	}
	if compress {
		return buf.Len() // ok: used under the condition that assigned it
	}
	return len(data)
}

func sizeChecked(compress bool, data []byte) int {
	var buf *buffer
	if compress {
		buf = &buffer{data: data[:len(data)/2]}
	}
	if buf == nil {
		return len(data)
	}
	return buf.Len() // ok
}

func sizeLoop(parts [][]byte) int {
	var found *buffer
	for _, p := range parts {
		if len(p) > 0 {
			found = &buffer{data: p}
			break
		}
	}
	return found.Len() // ok: a search loop, presumed to find
}

func sizeExhaustive(kind int, data []byte) int {
	var buf *buffer
	switch kind {
	case 0:
		buf = &buffer{data: data}
	case 1:
		buf = &buffer{data: data[1:]}
	}
	return buf.Len() // ok: a switch over the kinds, presumed exhaustive
}

func sizeEarlyReturn(compress bool, data []byte) int {
	var buf *buffer
	if compress {
		buf = &buffer{data: data}
	}
	if !compress {
		return 0
	}
	return buf.Len() // ok: compress holds here, and with it buf (the flag guards it)
}

// ---- a (value, error) call whose error is discarded ----

type Key struct{ value string }

type Section struct{ keys map[string]*Key }

func (s *Section) GetKey(name string) (*Key, error) {
	if k, ok := s.keys[name]; ok {
		return k, nil
	}
	return nil, errors.New("key " + name + " not found")
}

func expand(s, defaults *Section, name string) string {
	k, err := s.GetKey(name)
	if err != nil {
		k, _ = defaults.GetKey(name)
	}
	return k.value // want `k may be nil here`
}

func expandChecked(s, defaults *Section, name string) string {
	k, err := s.GetKey(name)
	if err != nil {
		if k, err = defaults.GetKey(name); err != nil {
			return ""
		}
	}
	return k.value // ok
}

func expandConstant(s *Section) string {
	k, _ := s.GetKey("version") // every argument constant: the author knows the key is there
	return k.value             // ok
}

func lookup(s *Section, prefix, name string) string {
	k, _ := s.GetKey(prefix + name)
	return k.value // want `k may be nil here`
}

func openLog(path string) int64 {
	f, _ := os.Open(path)
	st, err := f.Stat() // ok: (*os.File).Stat answers ErrInvalid on a nil file
	if err != nil {
		return 0
	}
	return st.Size()
}

func atoi(s string) int {
	n, _ := strconv.Atoi(s) // not a pointer: nothing to report
	return n
}

// ---- (interface, error) functions without source give a nil interface on error ----

func readAll(addr string) ([]byte, error) {
	c, err := net.Dial("tcp", addr)
	defer c.Close() // want `c may be nil here`
	if err != nil {
		return nil, err
	}
	return io.ReadAll(c)
}

func readAllChecked(addr string) ([]byte, error) {
	c, err := net.Dial("tcp", addr)
	if err != nil {
		return nil, err
	}
	defer c.Close() // ok
	return io.ReadAll(c)
}

// ---- a nil handled only together with another condition: `if p == nil && c { exit }` ----

type memdb struct{ refs int }

func (m *memdb) incref() { m.refs++ }

type DB struct {
	mem    *memdb
	closed bool
}

func (db *DB) getMem() *memdb {
	if db.mem == nil && !db.closed {
		panic("leveldb: nil memdb while open")
	}
	db.mem.incref() // want `db.mem may be nil here`: nil after Close, when the assertion lets it through
	return db.mem
}

func (db *DB) getMemFixed() *memdb {
	if db.mem == nil {
		if !db.closed {
			panic("leveldb: nil memdb while open")
		}
		return nil
	}
	db.mem.incref() // ok
	return db.mem
}

func (db *DB) ensureMem(small bool) *memdb {
	if db.mem == nil && small {
		db.mem = &memdb{}
	}
	return db.mem // ok: no dereference; and the branch falls through
}

func (db *DB) refresh(required bool) int {
	if db.mem == nil && required {
		return -1
	}
	if db.mem == nil {
		return 0
	}
	return db.mem.refs // ok: checked again
}
