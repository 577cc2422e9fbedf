package main

import (
	"fmt"
	"go/ast"
	"go/token"
	"reflect"
)

// The syntax schema has one definition: the go/ast types themselves, read by
// reflection. The list below fixes the numbering of node kinds; the fields of
// each kind, their order and their encoding come from go/ast. The C# node
// classes and their decoder are generated from this schema (gen-csharp), and
// the stream carries the schema so that the C# reader refuses a stream whose
// schema differs from the one it was generated from.
var nodeTypes = []ast.Node{
	// Kind 0 is reserved for "no node".
	(*ast.Comment)(nil),
	(*ast.CommentGroup)(nil),
	(*ast.Field)(nil),
	(*ast.FieldList)(nil),
	(*ast.BadExpr)(nil),
	(*ast.Ident)(nil),
	(*ast.Ellipsis)(nil),
	(*ast.BasicLit)(nil),
	(*ast.FuncLit)(nil),
	(*ast.CompositeLit)(nil),
	(*ast.ParenExpr)(nil),
	(*ast.SelectorExpr)(nil),
	(*ast.IndexExpr)(nil),
	(*ast.IndexListExpr)(nil),
	(*ast.SliceExpr)(nil),
	(*ast.TypeAssertExpr)(nil),
	(*ast.CallExpr)(nil),
	(*ast.StarExpr)(nil),
	(*ast.UnaryExpr)(nil),
	(*ast.BinaryExpr)(nil),
	(*ast.KeyValueExpr)(nil),
	(*ast.ArrayType)(nil),
	(*ast.StructType)(nil),
	(*ast.FuncType)(nil),
	(*ast.InterfaceType)(nil),
	(*ast.MapType)(nil),
	(*ast.ChanType)(nil),
	(*ast.BadStmt)(nil),
	(*ast.DeclStmt)(nil),
	(*ast.EmptyStmt)(nil),
	(*ast.LabeledStmt)(nil),
	(*ast.ExprStmt)(nil),
	(*ast.SendStmt)(nil),
	(*ast.IncDecStmt)(nil),
	(*ast.AssignStmt)(nil),
	(*ast.GoStmt)(nil),
	(*ast.DeferStmt)(nil),
	(*ast.ReturnStmt)(nil),
	(*ast.BranchStmt)(nil),
	(*ast.BlockStmt)(nil),
	(*ast.IfStmt)(nil),
	(*ast.CaseClause)(nil),
	(*ast.SwitchStmt)(nil),
	(*ast.TypeSwitchStmt)(nil),
	(*ast.CommClause)(nil),
	(*ast.SelectStmt)(nil),
	(*ast.ForStmt)(nil),
	(*ast.RangeStmt)(nil),
	(*ast.ImportSpec)(nil),
	(*ast.ValueSpec)(nil),
	(*ast.TypeSpec)(nil),
	(*ast.BadDecl)(nil),
	(*ast.GenDecl)(nil),
	(*ast.FuncDecl)(nil),
	(*ast.File)(nil),
}

// Field encodings.
const (
	encPos     = "pos"        // token.Pos: file offset + 1, 0 when absent
	encString  = "string"     // string table index
	encToken   = "token"      // token.Token as a number
	encBool    = "bool"       // one byte
	encInt     = "int"        // a signed varint (ChanDir)
	encNode    = "node"       // a nested node, kind 0 when nil
	encList    = "list"       // a count, then nested nodes
	encComment = "commentref" // index+1 into File.Comments, 0 when nil
)

type schemaField struct {
	Name   string
	Enc    string
	GoType string // for node and list: the Go element type name, e.g. "Expr" or "*Ident"
	index  int
}

type schemaKind struct {
	Kind   int
	Name   string
	Bases  []string // the go/ast interfaces it implements: Expr, Stmt, Decl, Spec
	Fields []schemaField
	typ    reflect.Type
}

var (
	exprIface = reflect.TypeOf((*ast.Expr)(nil)).Elem()
	stmtIface = reflect.TypeOf((*ast.Stmt)(nil)).Elem()
	declIface = reflect.TypeOf((*ast.Decl)(nil)).Elem()
	specIface = reflect.TypeOf((*ast.Spec)(nil)).Elem()
	nodeIface = reflect.TypeOf((*ast.Node)(nil)).Elem()

	posType   = reflect.TypeOf(token.NoPos)
	tokenType = reflect.TypeOf(token.ILLEGAL)
	cgType    = reflect.TypeOf((*ast.CommentGroup)(nil))
)

var schema = buildSchema()
var kindOf = map[reflect.Type]*schemaKind{}

func buildSchema() []*schemaKind {
	var kinds []*schemaKind
	for i, n := range nodeTypes {
		t := reflect.TypeOf(n)
		k := &schemaKind{Kind: i + 1, Name: t.Elem().Name(), typ: t}
		for _, iface := range []reflect.Type{exprIface, stmtIface, declIface, specIface} {
			if t.Implements(iface) {
				k.Bases = append(k.Bases, iface.Name())
			}
		}
		st := t.Elem()
		for fi := 0; fi < st.NumField(); fi++ {
			f := st.Field(fi)
			if enc, goType, ok := fieldEncoding(k.Name, f); ok {
				k.Fields = append(k.Fields, schemaField{Name: f.Name, Enc: enc, GoType: goType, index: fi})
			}
		}
		kinds = append(kinds, k)
		kindOf[t] = k
	}
	return kinds
}

// fieldEncoding decides how a go/ast struct field is encoded, or skips it.
// Skipped: the deprecated object resolution (Obj, Scope, Unresolved) and
// File.Imports, which only repeats nodes already in File.Decls.
func fieldEncoding(kind string, f reflect.StructField) (enc, goType string, ok bool) {
	switch {
	case f.Name == "Obj" || f.Name == "Scope" || f.Name == "Unresolved":
		return "", "", false
	case kind == "File" && f.Name == "Imports":
		return "", "", false
	case f.Type == posType:
		return encPos, "", true
	case f.Type == tokenType:
		return encToken, "", true
	case f.Type.Kind() == reflect.String:
		return encString, "", true
	case f.Type.Kind() == reflect.Bool:
		return encBool, "", true
	case f.Type == reflect.TypeOf(ast.SEND):
		return encInt, "", true
	case f.Type == cgType && !(kind == "File" && f.Name == "Comments"):
		// Doc and line comments are references into File.Comments.
		return encComment, "", true
	case f.Type.Kind() == reflect.Interface && f.Type.Implements(nodeIface):
		return encNode, f.Type.Name(), true
	case f.Type.Kind() == reflect.Ptr && f.Type.Implements(nodeIface):
		return encNode, "*" + f.Type.Elem().Name(), true
	case f.Type.Kind() == reflect.Slice:
		el := f.Type.Elem()
		if el.Kind() == reflect.Interface {
			return encList, el.Name(), true
		}
		if el.Kind() == reflect.Ptr && el.Implements(nodeIface) {
			return encList, "*" + el.Elem().Name(), true
		}
	}
	panic(fmt.Sprintf("schema: unhandled field %s.%s of type %s", kind, f.Name, f.Type))
}

// schemaText is the canonical text form of the schema, carried in the stream.
func schemaText() string {
	s := ""
	for _, k := range schema {
		s += fmt.Sprintf("%d %s", k.Kind, k.Name)
		for _, f := range k.Fields {
			s += fmt.Sprintf(" %s:%s", f.Name, f.Enc)
		}
		s += "\n"
	}
	return s
}
