// Package testinputs: in a test file, a nil from outside the test's own
// function (a callee's failure result, a nil passed to a callback) is not
// reported — the test's fixed inputs rule the failure out, and a failing call
// fails the test anyway. The same shapes in library code are reported, and a
// nil the test makes itself still is (doc_test.go).
package testinputs

import (
	"errors"
	"log"
	"net/http"
)

type Doc struct{ Title string }

// Parse returns nil with its error.
func Parse(src string) (*Doc, error) {
	if src == "" {
		return nil, errors.New("empty document")
	}
	return &Doc{Title: src}, nil
}

type Node struct{ Name string }

// VisitFunc is called with a nil node when the root cannot be read.
type VisitFunc func(n *Node, err error) error

func Walk(root string, fn VisitFunc) error {
	if root == "" {
		return fn(nil, errors.New("no root"))
	}
	return fn(&Node{Name: root}, nil)
}

func TitleOf(src string) string {
	d, err := Parse(src)
	if err != nil {
		log.Print(err)
	}
	return d.Title // want `d may be nil here`
}

func Names(root string) []string {
	var names []string
	Walk(root, func(n *Node, err error) error {
		names = append(names, n.Name) // want `n may be nil here`
		return nil
	})
	return names
}

// TitleOfDoc dereferences its argument.
func TitleOfDoc(d *Doc) string { return d.Title }

// CrashOnPurpose: the same definitely-nil uses outside a test file are reported.
func CrashOnPurpose() {
	var m map[string]int
	m["crash"] = 1 // want `m may be nil here`
	var p *int
	*p = 3 // want `p may be nil here`
	_ = TitleOfDoc(nil) // want `nil may be nil here`
}

// ServerName reads a field std documents as nil for plain HTTP: reported in library code.
func ServerName(r *http.Request) string {
	return r.TLS.ServerName // want `r.TLS may be nil here`
}
