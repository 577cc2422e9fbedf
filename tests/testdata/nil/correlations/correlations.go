// Package correlations: nil-ness held in a boolean, an error, a counter or a
// flag instead of the pointer itself, and every spelling of a check
// (`== false`, `!= true`, switches on the error). Shapes from libraries'
// code: registries, clients, caches; each safe case has a buggy twin.
package correlations

import (
	"errors"
	"io"
)

type Service struct{ Addr string }

type Registry struct {
	services map[string]*Service
	hooks    []func()
}

// ---- `exists == false`: the comma-ok check spelled with a literal ----

func (r *Registry) Addr(name string) string {
	svc, exists := r.services[name]
	if exists == false {
		return ""
	}
	return svc.Addr // ok
}

func (r *Registry) AddrNotTrue(name string) string {
	svc, ok := r.services[name]
	if ok != true {
		return ""
	}
	return svc.Addr // ok
}

func (r *Registry) AddrEqualTrue(name string) string {
	if svc, ok := r.services[name]; ok == true {
		return svc.Addr // ok
	}
	return ""
}

func (r *Registry) AddrWrongWay(name string) string {
	svc, exists := r.services[name]
	if exists == true {
		return ""
	}
	return svc.Addr // want `svc may be nil here`
}

func (r *Registry) AddrLogged(name string) string {
	svc, ok := r.services[name]
	if ok == false {
		println("no service", name)
	}
	return svc.Addr // want `svc may be nil here`
}

// ---- a boolean set from a nil check ----

type Transport interface{ RoundTrip() }

type tlsTransport struct{ ServerName string }

func (*tlsTransport) RoundTrip() {}

func ServerName(t Transport) string {
	tt, _ := t.(*tlsTransport)
	secure := tt != nil
	name := "plain"
	if secure {
		name = tt.ServerName // ok
	}
	return name
}

func ServerNameInverted(t Transport) string {
	tt, _ := t.(*tlsTransport)
	plain := tt == nil
	if !plain {
		return tt.ServerName // ok
	}
	return ""
}

func ServerNameWrongWay(t Transport) string {
	tt, _ := t.(*tlsTransport)
	secure := tt != nil
	if !secure {
		return tt.ServerName // want `tt may be nil here`
	}
	return ""
}

func ServerNameCompound(t Transport, strict bool) string {
	tt, _ := t.(*tlsTransport)
	usable := tt != nil && tt.ServerName != ""
	if usable && strict {
		return tt.ServerName // ok
	}
	return ""
}

// ---- a success flag beside the error ----

var errMissing = errors.New("missing")

func load(key string) (*Service, error) {
	if key == "" {
		return nil, errMissing
	}
	return &Service{Addr: key}, nil
}

func Fetch(key string) string {
	var success bool
	svc, err := load(key)
	if err == nil {
		success = true
	}
	if !success {
		return ""
	}
	return svc.Addr // ok
}

func FetchFailedFlag(key string) string {
	svc, err := load(key)
	failed := err != nil
	if failed {
		return ""
	}
	return svc.Addr // ok
}

func FetchWrongFlag(key string) string {
	var success bool
	svc, err := load(key)
	if err == nil {
		success = true
	}
	if success {
		println("loaded")
	}
	return svc.Addr // want `svc may be nil here`
}

// ---- a counter that is non-zero only when the pointer is set ----

type Pool struct{ idle []*Service }

func (p *Pool) Len() int { return len(p.idle) }

func lookupPool(name string) *Pool {
	if name == "" {
		return nil
	}
	return &Pool{}
}

// lookupPoolDoc returns nil when the name is empty.
func lookupPoolDoc(name string) *Pool {
	if name == "" {
		return nil
	}
	return &Pool{}
}

func Idle(name string) int {
	pool := lookupPoolDoc(name)
	count := 0
	if pool != nil {
		count = pool.Len()
	}
	if count > 0 {
		return len(pool.idle) // ok
	}
	return 0
}

func IdleZero(name string) int {
	pool := lookupPoolDoc(name)
	count := 0
	if pool != nil {
		count = pool.Len()
	}
	if count == 0 {
		return len(pool.idle) // want `pool may be nil here`
	}
	return count
}

func IdleCheckedElsewhere(name string) int {
	if p := lookupPoolDoc(name); p != nil {
		return p.Len()
	}
	return 0
}

// ---- switch on the error ----

func Switched(key string) string {
	svc, err := load(key)
	switch err {
	case nil:
		return svc.Addr // ok
	case io.EOF:
		return ""
	default:
		return ""
	}
}

func SwitchedWrongCase(key string) string {
	svc, err := load(key)
	switch err {
	case nil:
		return ""
	default:
		return svc.Addr // want `svc may be nil here`
	}
}

type notFound struct{}

func (notFound) Error() string { return "not found" }

func TypeSwitched(key string) string {
	svc, err := load(key)
	switch err.(type) {
	case nil:
		return svc.Addr // ok
	case notFound:
		return "none"
	}
	return ""
}

func TypeSwitchedWrongCase(key string) string {
	svc, err := load(key)
	switch err.(type) {
	case nil:
		return ""
	case notFound:
		return svc.Addr // want `svc may be nil here`
	}
	return ""
}

// ---- a flag asserted by a helper that stops on failure ----

func assertTrue(b bool) {
	if !b {
		panic("assertion failed")
	}
}

func logUnless(b bool) {
	if !b {
		println("missing")
	}
}

func (r *Registry) MustAddr(name string) string {
	svc, ok := r.services[name]
	assertTrue(ok)
	return svc.Addr // ok
}

func (r *Registry) LoggedAddr(name string) string {
	svc, ok := r.services[name]
	logUnless(ok)
	return svc.Addr // want `svc may be nil here`
}

// ---- the same call's result was just found non-nil ----

type Healthcheck interface {
	Check()
	Error() error
}

func Report(h Healthcheck) string {
	h.Check()
	if err := h.Error(); nil != err {
		return h.Error().Error() // ok: the same getter was just non-nil
	}
	if h.Error() != nil {
		return h.Error().Error() // ok
	}
	return ""
}

type nilCheck struct{}

func (nilCheck) Check()       {}
func (nilCheck) Error() error { return nil }

var _ Healthcheck = nilCheck{}

func ReportWrongBranch(h Healthcheck) string {
	if err := h.Error(); err == nil {
		return h.Error().Error() // want `h.Error\(\) may be nil here`
	}
	return ""
}
