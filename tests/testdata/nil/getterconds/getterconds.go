// Package getterconds: a call of a method that only reads (its body is one
// `return` of loads: a getter, a predicate) changes no field, so a nil that a
// check let through, together with that call, survives it. Safe twins: a
// method that may set the field, the nil handled on every path.
package getterconds

import "sync/atomic"

type memdb struct{ refs int32 }

func (m *memdb) incref() { atomic.AddInt32(&m.refs, 1) }

type DB struct {
	mem    *memdb
	closed uint32
	open   bool
}

func (db *DB) isClosed() bool { return atomic.LoadUint32(&db.closed) != 0 }

func (db *DB) isOpen() bool { return db.open }

// The assertion stops a nil memdb only while the DB is open: after Close it goes on.
func (db *DB) getMems() *memdb {
	if db.mem == nil && !db.isClosed() {
		panic("nil effective mem")
	}
	db.mem.incref() // want `db.mem may be nil here`
	return db.mem
}

func (db *DB) size() int32 {
	if db.mem == nil && db.isOpen() {
		return -1
	}
	return db.mem.refs // want `db.mem may be nil here`
}

// A method that can make the field: what the caller knew of it is forgotten.
func (db *DB) ensure() bool {
	if db.mem == nil {
		db.mem = &memdb{}
	}
	return true
}

func (db *DB) getMemsEnsured() *memdb {
	if db.mem == nil && !db.ensure() {
		panic("no mem")
	}
	db.mem.incref() // ok: ensure may have set it
	return db.mem
}

func (db *DB) getMemsFixed() *memdb {
	if db.mem == nil {
		if !db.isClosed() {
			panic("nil effective mem")
		}
		return nil
	}
	db.mem.incref() // ok: nil handled on both paths
	return db.mem
}
