// Package stdcalls: calls into the standard library.
package stdcalls

import (
	"bytes"
	"container/list"
	"errors"
	"flag"
	"net"
	"net/http"
	"net/url"
	"os/exec"
	"reflect"
	"runtime"
	"strings"
)

func ResolveUnchecked(addr string) int {
	a, err := net.ResolveTCPAddr("tcp", addr)
	println(err)
	return a.Port // want `(?s)nil panic: a may be nil .*net.ResolveTCPAddr returns nil when its error is not nil`
}

func ResolveChecked(addr string) int {
	a, err := net.ResolveTCPAddr("tcp", addr)
	if err != nil {
		return 0
	}
	return a.Port // ok
}

func ParseURLUnchecked(s string) string {
	u, err := url.Parse(s)
	if err == nil {
		return u.Host // ok
	}
	return u.Path // want `(?s)nil panic: u may be nil`
}

func UserPassword(u *url.URL) string {
	p, _ := u.User.Password() // ok: (*Userinfo).Password handles a nil receiver
	return p
}

func TLSVersion(r *http.Request) uint16 {
	return r.TLS.Version // want `(?s)nil panic: r.TLS may be nil .*field TLS of net/http.Request can be nil`
}

func TLSVersionChecked(r *http.Request) uint16 {
	if r.TLS == nil {
		return 0
	}
	return r.TLS.Version // ok
}

func ProcessPid(c *exec.Cmd) int {
	return c.Process.Pid // ok: lifecycle fields (set by Start) are not in the std table
}

func ProcessPidStarted(c *exec.Cmd) int {
	if err := c.Start(); err != nil {
		return -1
	}
	return c.Process.Pid // ok: the call may have set it
}

func TypeName(v any) string {
	return reflect.TypeOf(v).Name() // ok: nil only if v is a nil interface, and nothing says it is
}

func TypeOfNilInterface() string {
	var v any
	return reflect.TypeOf(v).Name() // want `(?s)nil panic: reflect.TypeOf\(…\) may be nil.*returns nil for a nil interface`
}

func ListNext(l *list.List) any {
	e := l.Front()
	return e.Next().Value // want `(?s)nil panic: e.Next\(\) may be nil.*can return nil`
}

func TypeNameChecked(v any) string {
	if t := reflect.TypeOf(v); t != nil {
		return t.Name() // ok
	}
	return ""
}

func FuncName(pc uintptr) string {
	return runtime.FuncForPC(pc).Name() // ok: (*Func).Name handles nil
}

func FlagUsage(name string) string {
	return flag.Lookup(name).Usage // ok: lookups by name are trusted (see docs/checks/nil.md)
}

func FlagUsageChecked(name string) string {
	if f := flag.Lookup(name); f != nil {
		return f.Usage // ok
	}
	return ""
}

func ListFront(l *list.List) any {
	return l.Front().Value // ok: lookups are trusted
}

func ListWalk(l *list.List) int {
	n := 0
	for e := l.Front(); e != nil; e = e.Next() {
		n++ // ok
	}
	return n
}

func UnwrapTwice(err error) string {
	inner := errors.Unwrap(err)
	return inner.Error() // want `(?s)nil panic: inner may be nil`
}

func Buffers() int {
	b := bytes.NewBufferString("x")
	r := strings.NewReader("y")
	return b.Len() + r.Len() // ok: never nil
}

func ErrorsNewUse() string {
	err := errors.New("boom")
	return err.Error() // ok
}

func HTTPGetUnchecked(u string) int {
	resp, err := http.Get(u)
	if err != nil {
		println(err.Error())
	}
	return resp.StatusCode // want `(?s)nil panic: resp may be nil .*http.Get`
}

func HTTPGet(u string) int {
	resp, err := http.Get(u)
	if err != nil {
		return 0
	}
	defer resp.Body.Close()
	return resp.StatusCode // ok
}
