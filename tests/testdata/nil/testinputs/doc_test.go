package testinputs

import "testing"

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
	m["crash"] = 1 // want `m may be nil here`
}

func TestAssertion(t *testing.T) {
	var v any = t
	d, _ := v.(*Doc)
	t.Log(d.Title) // want `d may be nil here`
}
