package main

import (
	"strings"
	"testing"
)

func TestSchemaCoversEveryNodeKindOnce(t *testing.T) {
	seen := map[string]bool{}
	for i, k := range schema {
		if k.Kind != i+1 {
			t.Errorf("%s has kind %d, want %d", k.Name, k.Kind, i+1)
		}
		if seen[k.Name] {
			t.Errorf("%s listed twice", k.Name)
		}
		seen[k.Name] = true
	}
	for _, name := range []string{"CallExpr", "FuncDecl", "RangeStmt", "IndexListExpr", "File"} {
		if !seen[name] {
			t.Errorf("schema lacks %s", name)
		}
	}
}

func TestSchemaTextIsStable(t *testing.T) {
	if schemaText() != schemaText() {
		t.Fatal("schema text differs between calls")
	}
	if !strings.Contains(schemaText(), "CallExpr Fun:node Lparen:pos Args:list Ellipsis:pos Rparen:pos") {
		t.Errorf("unexpected CallExpr schema:\n%s", schemaText())
	}
}

func TestVarintRoundTrip(t *testing.T) {
	var b buf
	b.varint(-300)
	b.uvarint(1 << 40)
	if len(b.b) == 0 {
		t.Fatal("nothing written")
	}
}
