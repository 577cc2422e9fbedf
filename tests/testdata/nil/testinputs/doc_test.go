package testinputs

import (
	"net/http"
	"testing"
)

func TestTitle(t *testing.T) {
	d, err := Parse("constant input")
	if err != nil {
		t.Log(err)
	}
	if d.Title != "constant input" { // ok: a nil from Parse's failure, which this input rules out
		t.Fatal(d.Title)
	}
}

func TestWalk(t *testing.T) {
	Walk("root", func(n *Node, err error) error {
		if n.Name != "root" { // ok: the root exists; the nil comes from Walk's failure path
			t.Error(n.Name)
		}
		return nil
	})
}

func TestDeliberate(t *testing.T) {
	defer func() { _ = recover() }()
	var m map[string]int
	m["crash"] = 1 // ok: nil on every path, made by the test: a deliberate crash
}

func TestDeliberateNilCall(t *testing.T) {
	defer func() { _ = recover() }()
	var f func()
	defer f() // ok: a deliberate nil function call
	var p *int
	if *p == 3 { // ok: as above
		t.Fatal("did not see nil pointer panic")
	}
}

func TestDeliberateLiteral(t *testing.T) {
	defer func() { _ = recover() }()
	TitleOfDoc(nil) // ok: a literal nil the test passes to see the panic
}

func TestMaybeNil(t *testing.T) {
	var docs []*Doc
	var cur *Doc
	for _, line := range []string{"doc a", "", "title b"} {
		switch {
		case line == "":
			cur = nil
		case line[0] == 'd':
			cur = &Doc{}
			docs = append(docs, cur)
		default:
			cur.Title = line // want `cur may be nil here`
		}
	}
	t.Log(len(docs))
}

func TestCheckedNil(t *testing.T) {
	var v any = t
	d, _ := v.(*Doc)
	if d == nil {
		title := d.Title // want `d may be nil here`
		t.Fatal(title)
	}
}

func lookup(title string) *Doc {
	if title == "" {
		return nil
	}
	return &Doc{Title: title}
}

func TestAssertion(t *testing.T) {
	var v any = t
	d, _ := v.(*Doc)
	t.Log(d.Title) // want `d may be nil here`
}

func TestServerName(t *testing.T) {
	handler := func(w http.ResponseWriter, r *http.Request) {
		if r.TLS.ServerName != "example.com" { // ok: the test runs a TLS server, which sets r.TLS
			t.Error(r.TLS.ServerName)
		}
	}
	_ = handler
}
