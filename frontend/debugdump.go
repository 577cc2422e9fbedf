package main

import (
	"fmt"
	"go/ast"
	"go/types"
	"io"
	"path/filepath"
	"sort"
)

// dumpTypes prints, for every identifier of a package, its object kind and
// type, in the same text form as `vigil dump types`; tests compare the two.
func dumpTypes(out io.Writer, cp *checkedPackage) {
	fmt.Fprintf(out, "package %s\n", cp.listed.ImportPath)
	if cp.info == nil {
		return
	}
	qual := types.RelativeTo(cp.types)
	for _, f := range cp.files {
		var idents []*ast.Ident
		ast.Inspect(f.ast, func(n ast.Node) bool {
			if id, ok := n.(*ast.Ident); ok {
				idents = append(idents, id)
			}
			return true
		})
		sort.SliceStable(idents, func(i, j int) bool { return idents[i].Pos() < idents[j].Pos() })
		base := filepath.Base(f.path)
		for _, id := range idents {
			p := f.tokFile.Position(id.Pos())
			role, obj := "-", types.Object(nil)
			if o, ok := cp.info.Defs[id]; ok {
				role, obj = "def", o
			} else if o, ok := cp.info.Uses[id]; ok {
				role, obj = "use", o
			}
			kind, typ := "-", "-"
			if obj != nil {
				kind = objectKind(obj)
				if obj.Type() != nil {
					typ = types.TypeString(obj.Type(), qual)
				}
			}
			fmt.Fprintf(out, "%s:%d:%d %s %s %s %s\n", base, p.Line, p.Column, id.Name, role, kind, typ)
		}
	}
}

func objectKind(o types.Object) string {
	switch o := o.(type) {
	case *types.Var:
		if o.IsField() {
			return "field"
		}
		return "var"
	case *types.Func:
		if sig, ok := o.Type().(*types.Signature); ok && sig.Recv() != nil {
			return "method"
		}
		return "func"
	case *types.TypeName:
		return "type"
	case *types.Const:
		return "const"
	case *types.Label:
		return "label"
	case *types.PkgName:
		return "package"
	case *types.Builtin:
		return "builtin"
	case *types.Nil:
		return "nil"
	}
	return "?"
}
