package main

import (
	"go/ast"
	"go/token"
	"go/types"
	"reflect"
	"sort"
)

// pkgWriter encodes one checked package: its files with their syntax trees,
// then the type information that links syntax to types and objects. Nodes are
// numbered in the order they are written (pre-order, per package), and the
// type information refers to nodes by that number.
type pkgWriter struct {
	t       *tables
	w       buf
	ids     map[ast.Node]int
	nextID  int
	tokFile *token.File
	cgIndex map[*ast.CommentGroup]int
}

// Mode bits of an expression, from types.TypeAndValue.
const (
	modeVoid = 1 << iota
	modeBuiltin
	modeType
	modeValue
	modeNil
	modeAddressable
	modeAssignable
	modeHasOk
)

func encodePackage(t *tables, cp *checkedPackage, depOnly bool) []byte {
	pw := &pkgWriter{t: t, ids: map[ast.Node]int{}, nextID: 1}
	w := &pw.w
	lp := cp.listed
	w.u(t.str(lp.ImportPath))
	w.u(t.str(pathOf(lp.ImportPath)))
	w.u(t.str(lp.Name))
	w.u(t.str(lp.Dir))
	modPath, goVersion := "", ""
	if lp.Module != nil {
		modPath, goVersion = lp.Module.Path, lp.Module.GoVersion
	}
	w.u(t.str(modPath))
	w.u(t.str(goVersion))
	w.flag(lp.Standard)
	w.u(t.str(lp.ForTest))
	w.flag(depOnly)
	w.u(t.pkg(cp.types))

	w.u(len(cp.errors))
	for _, e := range cp.errors {
		w.u(t.str(e.kind))
		w.u(t.str(e.pos.Filename))
		w.u(e.pos.Line)
		w.u(e.pos.Column)
		w.u(t.str(e.msg))
	}

	// Package scope, in name order.
	if cp.types != nil {
		names := cp.types.Scope().Names()
		w.u(len(names))
		for _, n := range names {
			w.u(t.obj(cp.types.Scope().Lookup(n)))
		}
	} else {
		w.u(0)
	}

	w.u(len(cp.files))
	for _, f := range cp.files {
		pw.file(f)
	}
	pw.info(cp.info)
	return w.b
}

func (pw *pkgWriter) file(f *sourceFile) {
	w := &pw.w
	w.u(pw.t.str(f.path))
	w.b = append(w.b, f.hash[:]...)
	w.u(len(f.content))
	lines := f.tokFile.Lines()
	w.u(len(lines))
	prev := 0
	for _, off := range lines {
		w.u(off - prev)
		prev = off
	}
	pw.tokFile = f.tokFile
	pw.cgIndex = map[*ast.CommentGroup]int{}
	for i, cg := range f.ast.Comments {
		pw.cgIndex[cg] = i + 1
	}
	pw.node(f.ast)
}

func (pw *pkgWriter) pos(p token.Pos) {
	tf := pw.tokFile
	if !p.IsValid() || int(p) < tf.Base() || int(p) > tf.Base()+tf.Size() {
		pw.w.u(0)
		return
	}
	pw.w.u(int(p) - tf.Base() + 1)
}

func (pw *pkgWriter) node(n ast.Node) {
	v := reflect.ValueOf(n)
	if n == nil || (v.Kind() == reflect.Ptr && v.IsNil()) {
		pw.w.u(0)
		return
	}
	k := kindOf[v.Type()]
	pw.ids[n] = pw.nextID
	pw.nextID++
	pw.w.u(k.Kind)
	pw.pos(n.Pos())
	pw.pos(n.End())
	e := v.Elem()
	for _, f := range k.Fields {
		fv := e.Field(f.index)
		switch f.Enc {
		case encPos:
			pw.pos(token.Pos(fv.Int()))
		case encString:
			pw.w.u(pw.t.str(fv.String()))
		case encToken, encInt:
			pw.w.varint(fv.Int())
		case encBool:
			pw.w.flag(fv.Bool())
		case encComment:
			if fv.IsNil() {
				pw.w.u(0)
			} else {
				pw.w.u(pw.cgIndex[fv.Interface().(*ast.CommentGroup)])
			}
		case encNode:
			if fv.IsNil() {
				pw.w.u(0)
			} else {
				pw.node(fv.Interface().(ast.Node))
			}
		case encList:
			pw.w.u(fv.Len())
			for i := 0; i < fv.Len(); i++ {
				el := fv.Index(i)
				if el.IsNil() {
					pw.w.u(0)
				} else {
					pw.node(el.Interface().(ast.Node))
				}
			}
		}
	}
}

// foldedOperands lists the nodes whose constant value is not written: the
// operands of a constant binary expression (through parentheses). Only the
// whole expression's value is, since that is what a reader asks about. Were
// every sub-expression's exact value written, "a"+"b"+... with n terms
// would cost O(n²) time and memory (each partial string flattened and
// interned), and a 10,000-term generated string took a minute and 2.5 GB.
func (pw *pkgWriter) foldedOperands(tvs map[ast.Expr]types.TypeAndValue) map[int]bool {
	folded := map[int]bool{}
	for e, tv := range tvs {
		b, ok := e.(*ast.BinaryExpr)
		if !ok || tv.Value == nil {
			continue
		}
		for _, x := range []ast.Expr{b.X, b.Y} {
			for {
				if id, ok := pw.ids[x]; ok {
					folded[id] = true
				}
				p, ok := x.(*ast.ParenExpr)
				if !ok {
					break
				}
				x = p.X
			}
		}
	}
	return folded
}

type idEntry[V any] struct {
	id int
	v  V
}

// sortedByNode lists a map's entries whose key is a written node, in node order.
func sortedByNode[K interface {
	comparable
	ast.Node
}, V any](ids map[ast.Node]int, m map[K]V) []idEntry[V] {
	out := make([]idEntry[V], 0, len(m))
	for k, v := range m {
		if id, ok := ids[k]; ok {
			out = append(out, idEntry[V]{id, v})
		}
	}
	sort.Slice(out, func(i, j int) bool { return out[i].id < out[j].id })
	return out
}

func (pw *pkgWriter) info(info *types.Info) {
	w, t := &pw.w, pw.t
	tv := sortedByNode(pw.ids, info.Types)
	folded := pw.foldedOperands(info.Types)
	w.u(len(tv))
	for _, e := range tv {
		w.u(e.id)
		w.u(t.typ(e.v.Type))
		mode := 0
		set := func(b bool, bit int) {
			if b {
				mode |= bit
			}
		}
		set(e.v.IsVoid(), modeVoid)
		set(e.v.IsBuiltin(), modeBuiltin)
		set(e.v.IsType(), modeType)
		set(e.v.IsValue(), modeValue)
		set(e.v.IsNil(), modeNil)
		set(e.v.Addressable(), modeAddressable)
		set(e.v.Assignable(), modeAssignable)
		set(e.v.HasOk(), modeHasOk)
		w.byte1(byte(mode))
		if folded[e.id] {
			w.u(0) // its value is folded into the constant expression around it
		} else {
			w.u(t.str(constantString(e.v.Value)))
		}
	}
	for _, m := range []map[*ast.Ident]types.Object{info.Defs, info.Uses} {
		es := sortedByNode(pw.ids, m)
		w.u(len(es))
		for _, e := range es {
			w.u(e.id)
			w.u(t.obj(e.v))
		}
	}
	imps := sortedByNode(pw.ids, info.Implicits)
	w.u(len(imps))
	for _, e := range imps {
		w.u(e.id)
		w.u(t.obj(e.v))
	}
	sels := sortedByNode(pw.ids, info.Selections)
	w.u(len(sels))
	for _, e := range sels {
		s := e.v
		w.u(e.id)
		w.u(int(s.Kind()))
		w.u(t.typ(s.Recv()))
		w.u(t.obj(s.Obj()))
		w.u(t.typ(s.Type()))
		w.u(len(s.Index()))
		for _, i := range s.Index() {
			w.u(i)
		}
		w.flag(s.Indirect())
	}
	insts := sortedByNode(pw.ids, info.Instances)
	w.u(len(insts))
	for _, e := range insts {
		w.u(e.id)
		t.typeList(w, e.v.TypeArgs.Len(), e.v.TypeArgs.At)
		w.u(t.typ(e.v.Type))
	}
	scopes := sortedByNode(pw.ids, info.Scopes)
	w.u(len(scopes))
	for _, e := range scopes {
		w.u(e.id)
		names := e.v.Names()
		w.u(len(names))
		for _, n := range names {
			w.u(t.obj(e.v.Lookup(n)))
		}
	}
}
