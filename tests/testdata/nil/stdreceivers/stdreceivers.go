// Package stdreceivers: a nil pointer to a standard-library type whose
// methods all dereference their receiver (bytes.Reader, flag.FlagSet, ...),
// called without a body to read. Safe twins: the value set on every path,
// a type whose methods check a nil receiver (os.File).
package stdreceivers

import (
	"bytes"
	"flag"
	"net/http"
	"net/url"
	"os"
)

func ContentLength(location string, cfg []byte) int {
	var body *bytes.Reader
	switch {
	case location != "":
		body = bytes.NewReader(cfg)
	}
	return body.Len() // want `body may be nil here`
}

func ContentLengthSet(location string, cfg []byte) int {
	body := bytes.NewReader(nil)
	switch {
	case location != "":
		body = bytes.NewReader(cfg)
	}
	return body.Len() // ok: set on every path
}

func lookup(fs *flag.FlagSet, name string) *flag.Flag {
	if fs == nil {
		return fs.Lookup(name) // want `fs may be nil here`
	}
	return fs.Lookup(name)
}

func closeFile(f *os.File) error {
	if f == nil {
		return f.Close() // ok: (*os.File).Close checks its receiver
	}
	return f.Close()
}

var _ = lookup
var _ = closeFile

// A client's cookie jar is optional: nil for http.DefaultClient and a Client{}.
func cookieHeader(c *http.Client, u *url.URL) int {
	return len(c.Jar.Cookies(u)) // want `c.Jar may be nil here`
}

func cookieHeaderChecked(c *http.Client, u *url.URL) int {
	if c.Jar == nil {
		return 0
	}
	return len(c.Jar.Cookies(u)) // ok: checked
}

var _ = cookieHeader
var _ = cookieHeaderChecked

type wrapper struct{ hc *http.Client }

func (w *wrapper) Client() *http.Client { return w.hc }

func (w *wrapper) cookies(u *url.URL) int {
	n := 0
	if w.Client().Jar != nil {
		n = len(w.Client().Jar.Cookies(u)) // ok: the same getter's field was just checked
	}
	return n + len(w.Client().Jar.Cookies(u)) // want `Jar may be nil here`
}

var _ = (*wrapper).cookies

// bytes.Buffer's methods dereference the receiver, except String, which
// returns "<nil>" for a nil *Buffer (a per-method exception in the table).
func payloadLen(data []byte, send bool) int {
	var buf *bytes.Buffer
	if send {
		buf = bytes.NewBuffer(data)
	}
	return buf.Len() // want `buf may be nil here`
}

func payloadText(data []byte, send bool) string {
	var buf *bytes.Buffer
	if send {
		buf = bytes.NewBuffer(data)
	}
	return buf.String() // ok: (*bytes.Buffer).String checks its receiver
}
