package main

import (
	"go/constant"
	"go/token"
	"go/types"
)

// Object kinds in the stream.
const (
	objVar      = 1
	objFunc     = 2
	objTypeName = 3
	objConst    = 4
	objLabel    = 5
	objPkgName  = 6
	objBuiltin  = 7
	objNil      = 8
)

// Type kinds in the stream.
const (
	typBasic     = 1
	typPointer   = 2
	typSlice     = 3
	typArray     = 4
	typMap       = 5
	typChan      = 6
	typStruct    = 7
	typTuple     = 8
	typSignature = 9
	typInterface = 10
	typNamed     = 11
	typTypeParam = 12
	typUnion     = 13
	typAlias     = 14
)

// tables interns strings, packages, types and objects into global ids that
// stay valid for the whole stream. Each package chunk carries the entries
// first referenced while writing it (a "delta"), so that a reader can decode
// chunk after chunk as they arrive.
type tables struct {
	fset *token.FileSet

	strs         interner[string]
	pkgs         interner[*types.Package]
	types        interner[types.Type]
	objs         interner[types.Object]
	newTypeKinds []byte
	newObjKinds  []byte
}

// interner gives values ids 1, 2, ... in the order first seen (0 is "none")
// and remembers which ids are new since the last delta.
type interner[K comparable] struct {
	ids   map[K]int
	fresh []K
	next  int
}

func newInterner[K comparable]() interner[K] { return interner[K]{ids: map[K]int{}, next: 1} }

func (in *interner[K]) id(k K) int {
	if id, ok := in.ids[k]; ok {
		return id
	}
	id := in.next
	in.next++
	in.ids[k] = id
	in.fresh = append(in.fresh, k)
	return id
}

func newTables(fset *token.FileSet) *tables {
	t := &tables{
		fset:  fset,
		strs:  newInterner[string](),
		pkgs:  newInterner[*types.Package](),
		types: newInterner[types.Type](),
		objs:  newInterner[types.Object](),
	}
	t.strs.ids[""] = 0
	return t
}

func (t *tables) str(s string) int { return t.strs.id(s) }

func (t *tables) pkg(p *types.Package) int {
	if p == nil {
		return 0
	}
	return t.pkgs.id(p)
}

func (t *tables) typ(ty types.Type) int {
	if ty == nil {
		return 0
	}
	return t.types.id(ty)
}

func (t *tables) obj(o types.Object) int {
	if o == nil {
		return 0
	}
	return t.objs.id(o)
}

// flushDelta writes every entry created since the last flush: the bodies of
// new types and objects may create further entries, so it loops until none
// are left, then writes strings first (they are referenced by everything).
func (t *tables) flushDelta() []byte {
	var body buf
	firstType := t.types.next - len(t.types.fresh)
	firstObj := t.objs.next - len(t.objs.fresh)
	var typesDone, objsDone int
	var typeBodies, objBodies buf
	for typesDone < len(t.types.fresh) || objsDone < len(t.objs.fresh) {
		for ; typesDone < len(t.types.fresh); typesDone++ {
			t.writeType(&typeBodies, t.types.fresh[typesDone])
		}
		for ; objsDone < len(t.objs.fresh); objsDone++ {
			t.writeObject(&objBodies, t.objs.fresh[objsDone])
		}
	}
	var pkgBodies buf
	for _, p := range t.pkgs.fresh {
		pkgBodies.u(t.str(p.Path()))
		pkgBodies.u(t.str(p.Name()))
	}
	// Strings last interned, first written.
	body.u(len(t.strs.fresh))
	for _, s := range t.strs.fresh {
		body.bytes([]byte(s))
	}
	body.u(len(t.pkgs.fresh))
	body.b = append(body.b, pkgBodies.b...)
	body.u(firstType)
	body.u(len(t.types.fresh))
	body.u(firstObj)
	body.u(len(t.objs.fresh))
	body.b = append(body.b, t.newTypeKinds...)
	body.b = append(body.b, t.newObjKinds...)
	body.b = append(body.b, typeBodies.b...)
	body.b = append(body.b, objBodies.b...)
	t.strs.fresh, t.pkgs.fresh, t.types.fresh, t.objs.fresh = nil, nil, nil, nil
	t.newTypeKinds, t.newObjKinds = nil, nil
	return body.b
}

func (t *tables) typeList(w *buf, n int, at func(int) types.Type) {
	w.u(n)
	for i := 0; i < n; i++ {
		w.u(t.typ(at(i)))
	}
}

func (t *tables) writeType(w *buf, ty types.Type) {
	switch ty := ty.(type) {
	case *types.Basic:
		t.newTypeKinds = append(t.newTypeKinds, typBasic)
		w.u(int(ty.Kind()))
		w.u(t.str(ty.Name()))
	case *types.Pointer:
		t.newTypeKinds = append(t.newTypeKinds, typPointer)
		w.u(t.typ(ty.Elem()))
	case *types.Slice:
		t.newTypeKinds = append(t.newTypeKinds, typSlice)
		w.u(t.typ(ty.Elem()))
	case *types.Array:
		t.newTypeKinds = append(t.newTypeKinds, typArray)
		w.varint(ty.Len())
		w.u(t.typ(ty.Elem()))
	case *types.Map:
		t.newTypeKinds = append(t.newTypeKinds, typMap)
		w.u(t.typ(ty.Key()))
		w.u(t.typ(ty.Elem()))
	case *types.Chan:
		t.newTypeKinds = append(t.newTypeKinds, typChan)
		w.u(int(ty.Dir()))
		w.u(t.typ(ty.Elem()))
	case *types.Struct:
		t.newTypeKinds = append(t.newTypeKinds, typStruct)
		w.u(ty.NumFields())
		for i := 0; i < ty.NumFields(); i++ {
			w.u(t.obj(ty.Field(i)))
			w.u(t.str(ty.Tag(i)))
		}
	case *types.Tuple:
		t.newTypeKinds = append(t.newTypeKinds, typTuple)
		w.u(ty.Len())
		for i := 0; i < ty.Len(); i++ {
			w.u(t.obj(ty.At(i)))
		}
	case *types.Signature:
		t.newTypeKinds = append(t.newTypeKinds, typSignature)
		if ty.Recv() != nil {
			w.u(t.obj(ty.Recv()))
		} else {
			w.u(0)
		}
		tps := ty.TypeParams()
		t.typeList(w, tps.Len(), func(i int) types.Type { return tps.At(i) })
		rtps := ty.RecvTypeParams()
		t.typeList(w, rtps.Len(), func(i int) types.Type { return rtps.At(i) })
		w.u(t.typ(ty.Params()))
		w.u(t.typ(ty.Results()))
		w.flag(ty.Variadic())
	case *types.Interface:
		t.newTypeKinds = append(t.newTypeKinds, typInterface)
		w.u(ty.NumExplicitMethods())
		for i := 0; i < ty.NumExplicitMethods(); i++ {
			w.u(t.obj(ty.ExplicitMethod(i)))
		}
		t.typeList(w, ty.NumEmbeddeds(), ty.EmbeddedType)
		w.u(ty.NumMethods())
		for i := 0; i < ty.NumMethods(); i++ {
			w.u(t.obj(ty.Method(i)))
		}
		w.flag(ty.IsImplicit())
		w.flag(ty.IsComparable())
		// go/types prints these two universe interfaces by name.
		switch types.Type(ty) {
		case types.Universe.Lookup("any").Type().Underlying():
			w.byte1(1)
		case types.Universe.Lookup("comparable").Type().Underlying():
			w.byte1(2)
		default:
			w.byte1(0)
		}
	case *types.Named:
		t.newTypeKinds = append(t.newTypeKinds, typNamed)
		w.u(t.obj(ty.Obj()))
		if origin := ty.Origin(); origin != ty {
			w.u(t.typ(origin))
		} else {
			w.u(0)
		}
		targs := ty.TypeArgs()
		t.typeList(w, targs.Len(), targs.At)
		w.u(t.typ(ty.Underlying()))
		w.u(ty.NumMethods())
		for i := 0; i < ty.NumMethods(); i++ {
			w.u(t.obj(ty.Method(i)))
		}
		tps := ty.TypeParams()
		t.typeList(w, tps.Len(), func(i int) types.Type { return tps.At(i) })
	case *types.TypeParam:
		t.newTypeKinds = append(t.newTypeKinds, typTypeParam)
		w.u(t.obj(ty.Obj()))
		w.u(ty.Index())
		w.u(t.typ(ty.Constraint()))
	case *types.Union:
		t.newTypeKinds = append(t.newTypeKinds, typUnion)
		w.u(ty.Len())
		for i := 0; i < ty.Len(); i++ {
			w.flag(ty.Term(i).Tilde())
			w.u(t.typ(ty.Term(i).Type()))
		}
	case *types.Alias:
		t.newTypeKinds = append(t.newTypeKinds, typAlias)
		w.u(t.obj(ty.Obj()))
		w.u(t.typ(types.Unalias(ty)))
	default:
		panic("unknown type " + ty.String())
	}
}

func (t *tables) writeObject(w *buf, o types.Object) {
	switch o.(type) {
	case *types.Var:
		t.newObjKinds = append(t.newObjKinds, objVar)
	case *types.Func:
		t.newObjKinds = append(t.newObjKinds, objFunc)
	case *types.TypeName:
		t.newObjKinds = append(t.newObjKinds, objTypeName)
	case *types.Const:
		t.newObjKinds = append(t.newObjKinds, objConst)
	case *types.Label:
		t.newObjKinds = append(t.newObjKinds, objLabel)
	case *types.PkgName:
		t.newObjKinds = append(t.newObjKinds, objPkgName)
	case *types.Builtin:
		t.newObjKinds = append(t.newObjKinds, objBuiltin)
	case *types.Nil:
		t.newObjKinds = append(t.newObjKinds, objNil)
	default:
		panic("unknown object")
	}
	w.u(t.str(o.Name()))
	w.u(t.pkg(o.Pkg()))
	if o.Pos().IsValid() {
		p := t.fset.Position(o.Pos())
		if p.Filename == "" {
			// A line directive without a file name ("//line :1") leaves the adjusted name empty, which the
			// reader takes for "no position": the file's own position then.
			p = t.fset.PositionFor(o.Pos(), false)
		}
		w.u(t.str(p.Filename))
		w.u(p.Line)
		w.u(p.Column)
		w.u(p.Offset)
	} else {
		w.u(0)
	}
	w.u(t.typ(o.Type()))
	w.flag(o.Exported())
	// Package-level objects are marked so the reader can give them stable keys.
	w.flag(o.Pkg() != nil && o.Parent() == o.Pkg().Scope())
	switch o := o.(type) {
	case *types.Var:
		w.flag(o.IsField())
		w.flag(o.Embedded())
		if origin := o.Origin(); origin != o {
			w.u(t.obj(origin))
		} else {
			w.u(0)
		}
	case *types.Func:
		if origin := o.Origin(); origin != o {
			w.u(t.obj(origin))
		} else {
			w.u(0)
		}
	case *types.TypeName:
		w.flag(o.IsAlias())
	case *types.Const:
		w.u(int(o.Val().Kind()))
		w.u(t.str(constantString(o.Val())))
	case *types.PkgName:
		w.u(t.pkg(o.Imported()))
	}
}

func constantString(v constant.Value) string {
	if v == nil || v.Kind() == constant.Unknown {
		return ""
	}
	return v.ExactString()
}
