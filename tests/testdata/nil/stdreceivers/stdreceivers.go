// Package stdreceivers: a nil pointer to a standard-library type whose
// methods all dereference their receiver (bytes.Reader, flag.FlagSet, ...),
// called without a body to read. Safe twins: the value set on every path,
// a type whose methods check a nil receiver (os.File).
package stdreceivers

import (
	"bytes"
	"flag"
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
