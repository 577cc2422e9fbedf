package stdcalls

import (
	"go/build"
	"go/parser"
	"go/token"
	"net/url"
)

// ParseFile returns a partial file together with a syntax error: its Name is
// there, and code that reports the error and goes on is not a nil panic.
func PartialFile(src string) string {
	f, err := parser.ParseFile(token.NewFileSet(), "x.go", src, 0)
	if err != nil {
		println(err.Error())
	}
	return f.Name.Name // ok
}

// build.Import documents "a non-nil *Package containing partial information".
func PartialPackage(path string) string {
	p, err := build.Import(path, ".", 0)
	if err != nil {
		println(err.Error())
	}
	return p.Dir // ok
}

// Other (value, error) functions keep the contract: a nil value with the error.
func NotPartial(s string) string {
	u, err := url.Parse(s)
	if err != nil {
		println(err.Error())
	}
	return u.Host // want `u may be nil here`
}
