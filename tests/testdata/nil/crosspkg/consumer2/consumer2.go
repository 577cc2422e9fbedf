// Package consumer2 uses two other packages of the module and the standard library.
package consumer2

import (
	"errors"
	"net"
	"net/http"
	"net/url"
	"os"
	"strconv"

	"vigil.test/nil/crosspkg/provider"
	"vigil.test/nil/variants"
)

func BoxWidth(r *variants.Registry) int {
	return r.Find("x").Width() // want `(?s)nil panic: r.Find\(…\) may be nil.*results.go.*nil returned from \(\*variants.Registry\).Find`
}

func BoxWidthChecked(r *variants.Registry) int {
	b := r.Find("x")
	if b == nil {
		return 0
	}
	return b.Width() // ok
}

func BoxOpen(r *variants.Registry) int {
	b, err := r.Open("x")
	_ = err
	return b.Width() // want `(?s)nil panic: b may be nil.*Open`
}

func BoxPeek(r *variants.Registry) *variants.Point {
	b, ok := r.Peek("x")
	if !ok {
		return nil
	}
	return b.Min // ok
}

func TwoHops(c *provider.Cache, r *variants.Registry) string {
	s := c.Find("id")
	u := provider.UserOf(s) // want `(?s)nil panic: s may be nil.*passed to provider.UserOf`
	return u + strconv.Itoa(r.Find("y").SafeWidth())
}

func StdResolve(addr string) string {
	a, err := net.ResolveUDPAddr("udp", addr)
	if err != nil {
		println(err.Error())
	}
	return a.IP.String() // want `(?s)nil panic: a may be nil.*net.ResolveUDPAddr returns nil when its error is not nil`
}

func StdParseURL(raw string) string {
	u, err := url.Parse(raw)
	if err != nil {
		return ""
	}
	return u.Host // ok
}

func StdRequest(method, target string) string {
	req, err := http.NewRequest(method, target, nil)
	if err != nil {
		println("bad request")
	}
	return req.URL.Path // want `(?s)nil panic: req may be nil.*http.NewRequest`
}

func StdStat(name string) int64 {
	fi, err := os.Stat(name)
	if err != nil {
		return -1
	}
	return fi.Size() // ok
}

func StdOpenDefer(name string) error {
	f, err := os.Open(name)
	defer f.Close() // ok: (*os.File).Close handles a nil receiver (not read: no body from export data)
	return err
}

func StdUserinfo(u *url.URL) string {
	return u.User.Username() // ok: (*Userinfo).Username handles nil
}

func StdTLS(r *http.Request) []byte {
	return r.TLS.TLSUnique // want `(?s)nil panic: r.TLS may be nil.*field TLS of net/http.Request can be nil`
}

func StdResponseTLS(resp *http.Response) bool {
	return resp.TLS.HandshakeComplete // want `(?s)nil panic: resp.TLS may be nil`
}

func StdUnwrapLoop(err error) int {
	n := 0
	for e := err; e != nil; e = errors.Unwrap(e) {
		n++ // ok
	}
	return n
}

func StdUnwrapOnce(err error) string {
	return errors.Unwrap(errors.Unwrap(err)).Error() // want `(?s)nil panic: errors.Unwrap\(…\) may be nil`
}
