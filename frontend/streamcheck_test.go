package main

import (
	"encoding/binary"
	"fmt"
)

// streamChecker reads a package record back, by the same rules the writer
// follows (docs/stream-format.md), and fails on anything a reader would
// reject: a truncated or overlong record, a table id that was never
// defined, a node kind outside the schema, a position past its file, type
// information about a node that does not exist. It is the fuzz tests'
// oracle; the C# decoder is held to the same format by its own tests.
type streamChecker struct {
	b   []byte
	off int
	err error

	strs, pkgs, types, objs int // ids defined so far (1-based, exclusive bound)
}

func (c *streamChecker) fail(format string, args ...any) {
	if c.err == nil {
		c.err = fmt.Errorf("at byte %d: %s", c.off, fmt.Sprintf(format, args...))
	}
}

func (c *streamChecker) u() int {
	if c.err != nil {
		return 0
	}
	v, n := binary.Uvarint(c.b[c.off:])
	if n <= 0 || v > 1<<40 {
		c.fail("bad uvarint")
		return 0
	}
	c.off += n
	return int(v)
}

func (c *streamChecker) varint() {
	if c.err != nil {
		return
	}
	if _, n := binary.Varint(c.b[c.off:]); n <= 0 {
		c.fail("bad varint")
		return
	} else {
		c.off += n
	}
}

func (c *streamChecker) skip(n int) {
	if c.err == nil && (n < 0 || c.off+n > len(c.b)) {
		c.fail("%d bytes past the end", n)
	}
	if c.err == nil {
		c.off += n
	}
}

func (c *streamChecker) byte1() byte {
	if c.err == nil && c.off >= len(c.b) {
		c.fail("unexpected end")
	}
	if c.err != nil {
		return 0
	}
	c.off++
	return c.b[c.off-1]
}

func (c *streamChecker) flag() {
	if b := c.byte1(); b > 1 {
		c.fail("flag %d", b)
	}
}

func (c *streamChecker) id(kind string, limit int) int {
	v := c.u()
	if v >= limit {
		c.fail("%s id %d, only %d defined", kind, v, limit-1)
	}
	return v
}

func (c *streamChecker) str() int { return c.id("string", c.strs) }
func (c *streamChecker) pkg() int { return c.id("package", c.pkgs) }
func (c *streamChecker) typ() int { return c.id("type", c.types) }
func (c *streamChecker) obj() int { return c.id("object", c.objs) }

func (c *streamChecker) typeList() {
	for n := c.u(); n > 0 && c.err == nil; n-- {
		c.typ()
	}
}

func (c *streamChecker) done(what string) error {
	if c.err == nil && c.off != len(c.b) {
		c.fail("%d bytes left after the %s", len(c.b)-c.off, what)
	}
	return c.err
}

// delta checks a table delta and extends the defined ids by it.
func (c *streamChecker) delta(b []byte) error {
	c.b, c.off = b, 0
	if c.strs == 0 {
		c.strs, c.pkgs, c.types, c.objs = 1, 1, 1, 1
	}
	for n := c.u(); n > 0 && c.err == nil; n-- {
		c.skip(c.u())
		c.strs++
	}
	np := c.u()
	for i := 0; i < np && c.err == nil; i++ {
		c.str()
		c.str()
	}
	c.pkgs += np
	firstType, nt, firstObj, no := c.u(), c.u(), c.u(), c.u()
	if firstType != c.types || firstObj != c.objs {
		c.fail("delta starts types at %d and objects at %d, want %d and %d", firstType, firstObj, c.types, c.objs)
	}
	c.types += nt
	c.objs += no
	typeKinds := make([]byte, nt)
	for i := range typeKinds {
		typeKinds[i] = c.byte1()
	}
	objKinds := make([]byte, no)
	for i := range objKinds {
		objKinds[i] = c.byte1()
	}
	for _, k := range typeKinds {
		c.typeBody(k)
	}
	for _, k := range objKinds {
		c.objBody(k)
	}
	return c.done("table delta")
}

func (c *streamChecker) typeBody(kind byte) {
	switch kind {
	case typBasic:
		c.u()
		c.str()
	case typPointer, typSlice:
		c.typ()
	case typArray:
		c.varint()
		c.typ()
	case typMap:
		c.typ()
		c.typ()
	case typChan:
		if d := c.u(); d > 2 {
			c.fail("channel direction %d", d)
		}
		c.typ()
	case typStruct:
		for n := c.u(); n > 0 && c.err == nil; n-- {
			c.obj()
			c.str()
		}
	case typTuple:
		for n := c.u(); n > 0 && c.err == nil; n-- {
			c.obj()
		}
	case typSignature:
		c.obj()
		c.typeList()
		c.typeList()
		c.typ()
		c.typ()
		c.flag()
	case typInterface:
		for n := c.u(); n > 0 && c.err == nil; n-- {
			c.obj()
		}
		c.typeList()
		for n := c.u(); n > 0 && c.err == nil; n-- {
			c.obj()
		}
		c.flag()
		c.flag()
		if b := c.byte1(); b > 2 {
			c.fail("universe interface mark %d", b)
		}
	case typNamed:
		c.obj()
		c.typ()
		c.typeList()
		c.typ()
		for n := c.u(); n > 0 && c.err == nil; n-- {
			c.obj()
		}
		c.typeList()
	case typTypeParam:
		c.obj()
		c.u()
		c.typ()
	case typUnion:
		for n := c.u(); n > 0 && c.err == nil; n-- {
			c.flag()
			c.typ()
		}
	case typAlias:
		c.obj()
		c.typ()
	default:
		c.fail("type kind %d", kind)
	}
}

func (c *streamChecker) objBody(kind byte) {
	if kind < objVar || kind > objNil {
		c.fail("object kind %d", kind)
		return
	}
	c.str()
	c.pkg()
	if c.str() != 0 {
		c.u()
		c.u()
		c.u()
	}
	c.typ()
	c.flag()
	c.flag()
	switch kind {
	case objVar:
		c.flag()
		c.flag()
		c.obj()
	case objFunc:
		c.obj()
	case objTypeName:
		c.flag()
	case objConst:
		c.u()
		c.str()
	case objPkgName:
		c.pkg()
	}
}

// body checks a package body written after the delta checked before it.
func (c *streamChecker) body(b []byte) error {
	c.b, c.off = b, 0
	for i := 0; i < 6; i++ {
		c.str() // import path, package path, name, dir, module, Go version
	}
	c.flag() // standard
	c.str()  // forTest
	c.flag() // dependency (analyzed for facts only)
	c.pkg()
	for n := c.u(); n > 0 && c.err == nil; n-- {
		c.str()
		c.str()
		c.u()
		c.u()
		c.str()
	}
	for n := c.u(); n > 0 && c.err == nil; n-- {
		c.obj()
	}
	nodes := 0
	for n := c.u(); n > 0 && c.err == nil; n-- {
		c.str()
		c.skip(32)
		size := c.u()
		last := 0
		for lines := c.u(); lines > 0 && c.err == nil; lines-- {
			last += c.u()
		}
		if last > size {
			c.fail("a line starts at %d in a file of %d bytes", last, size)
		}
		c.node(size, &nodes, 0)
	}
	ascending := func(what string, n int, rest func()) {
		prev := 0
		for ; n > 0 && c.err == nil; n-- {
			id := c.u()
			if id <= prev || id > nodes {
				c.fail("%s entry for node %d (after %d, of %d nodes)", what, id, prev, nodes)
			}
			prev = id
			rest()
		}
	}
	ascending("types", c.u(), func() {
		c.typ()
		c.byte1()
		c.str()
	})
	for _, what := range []string{"defs", "uses", "implicits"} {
		ascending(what, c.u(), func() { c.obj() })
	}
	ascending("selections", c.u(), func() {
		if k := c.u(); k > 2 {
			c.fail("selection kind %d", k)
		}
		c.typ()
		c.obj()
		c.typ()
		for n := c.u(); n > 0 && c.err == nil; n-- {
			c.u()
		}
		c.flag()
	})
	ascending("instances", c.u(), func() {
		c.typeList()
		c.typ()
	})
	ascending("scopes", c.u(), func() {
		for n := c.u(); n > 0 && c.err == nil; n-- {
			c.obj()
		}
	})
	return c.done("package body")
}

// maxCheckDepth bounds the checker's own recursion; the writer recurses as
// deep as the syntax, and fuzzed inputs stay far below this.
const maxCheckDepth = 100000

func (c *streamChecker) node(size int, count *int, depth int) {
	kind := c.u()
	if kind == 0 || c.err != nil {
		return
	}
	if kind > len(schema) {
		c.fail("node kind %d of %d", kind, len(schema))
		return
	}
	if depth > maxCheckDepth {
		c.fail("nesting deeper than %d", maxCheckDepth)
		return
	}
	*count++
	pos := func() {
		if p := c.u(); p > size+1 {
			c.fail("position %d in a file of %d bytes", p, size)
		}
	}
	pos()
	pos()
	for _, f := range schema[kind-1].Fields {
		switch f.Enc {
		case encPos:
			pos()
		case encString:
			c.str()
		case encToken, encInt:
			c.varint()
		case encBool:
			c.flag()
		case encComment:
			c.u()
		case encNode:
			c.node(size, count, depth+1)
		case encList:
			for n := c.u(); n > 0 && c.err == nil; n-- {
				c.node(size, count, depth+1)
			}
		}
	}
}
