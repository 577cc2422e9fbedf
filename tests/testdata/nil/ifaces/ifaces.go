// Package ifaces: nil interface values from implementations.
package ifaces

import "errors"

type Addr interface{ String() string }

type Conn interface {
	Remote() Addr
	Local() Addr
}

type ip struct{ s string }

func (a *ip) String() string { return a.s }

type tcp struct {
	open bool
	peer *ip
}

func (c *tcp) Remote() Addr {
	if !c.open {
		return nil
	}
	return c.peer
}

func (c *tcp) Local() Addr { return &ip{s: "local"} }

type udp struct{}

func (udp) Remote() Addr { return &ip{s: "udp"} }
func (udp) Local() Addr  { return &ip{s: "udp"} }

func Describe(c Conn) string {
	return c.Remote().String() // want `(?s)nil panic: c.Remote\(\) may be nil .*nil returned from \(\*ifaces.tcp\).Remote.*flows into result 0 of Conn.Remote \(interface\)`
}

func DescribeLocal(c Conn) string {
	return c.Local().String() // ok: no implementation returns nil
}

func DescribeChecked(c Conn) string {
	if a := c.Remote(); a != nil {
		return a.String() // ok
	}
	return "?"
}

func DescribeVar(c Conn) string {
	a := c.Remote()
	return a.String() // want `(?s)nil panic: a may be nil`
}

func NilPointerInInterface() string {
	var p *ip
	var a Addr = p
	return a.String() // ok here (the interface is not nil); String's own dereference is a separate matter
}

func NilInterfaceLiteral() string {
	var a Addr
	return a.String() // want `(?s)nil panic: a may be nil .*declared without a value`
}

func ErrorNil() string {
	var err error
	return err.Error() // want `(?s)nil panic: err may be nil`
}

func ErrorsUnwrap(err error) string {
	return errors.Unwrap(err).Error() // want `(?s)nil panic: errors.Unwrap\(…\) may be nil .*can return nil`
}

func ErrorsUnwrapChecked(err error) string {
	if u := errors.Unwrap(err); u != nil {
		return u.Error() // ok
	}
	return ""
}

func ErrorsNew() string {
	return errors.New("x").Error() // ok: never nil
}

type Shape interface{ Area() float64 }

type square struct{ side float64 }

func (s *square) Area() float64 { return s.side * s.side }

// pick returns nil for n <= 0.
func pick(n int) Shape {
	if n > 0 {
		return &square{side: float64(n)}
	}
	return nil
}

func Area(n int) float64 {
	return pick(n).Area() // want `(?s)nil panic: pick\(…\) may be nil`
}

func AreaMethodValue(n int) func() float64 {
	return pick(n).Area // want `(?s)nil panic: pick\(…\) may be nil .*method value Area taken`
}

func AreaChecked(n int) float64 {
	s := pick(n)
	if s == nil {
		return 0
	}
	return s.Area() // ok
}

func TypeAssertOk(v any) float64 {
	s, ok := v.(*square)
	if !ok {
		return 0
	}
	return s.side // ok
}

func TypeAssertNoCheck(v any) float64 {
	s, _ := v.(*square)
	return s.side // want `(?s)nil panic: s may be nil .*assertion fails`
}

func TypeAssertOkIgnored(v any) float64 {
	s, ok := v.(*square)
	_ = ok
	return s.side // want `(?s)nil panic: s may be nil`
}

func TypeAssertPanics(v any) float64 {
	return v.(*square).side // ok: a failed single-value assertion panics on its own; not a nil panic
}

// Dial makes a tcp a Conn: only types converted to an interface reach its calls.
func Dial() Conn { return &tcp{open: true, peer: &ip{s: "peer"}} }

// The ok variable is also assigned in a closure: the analysis cannot follow it, so it stays silent.
func TypeAssertOkSetInClosure(v any, parts []any) float64 {
	if s, keep := v.(*square); keep {
		forEach(parts, func(p any) {
			if p == nil {
				keep = false
			}
		})
		return s.side // ok
	}
	return 0
}

func forEach(xs []any, f func(any)) {
	for _, x := range xs {
		f(x)
	}
}
