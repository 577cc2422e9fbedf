// Package variants: many small variants of each pattern, positives beside negatives.
package variants

import (
	"errors"
	"io"
	"strconv"
)

type Point struct{ X, Y int }

type Box struct {
	Min, Max *Point
	Tags     map[string]string
	OnOpen   func()
	Parent   *Box
}

func (b *Box) Width() int { return b.Max.X - b.Min.X }

func (b *Box) SafeWidth() int {
	if b == nil || b.Max == nil || b.Min == nil {
		return 0
	}
	return b.Max.X - b.Min.X
}

func NeverAssigned1() int { var p *Point; return p.X }     // want `(?s)nil panic: p may be nil.*declared without a value`
func NeverAssigned2() int { var p *Point; return (*p).Y }  // want `(?s)nil panic: p may be nil.*nil pointer dereferenced`
func NeverAssigned3() int { var b *Box; return b.Width() } // want `(?s)nil panic: b may be nil.*method Width called on it.*receiver b: field Max accessed`
func NeverAssigned4() int { var b *Box; return b.SafeWidth() }
func NeverAssigned5() { var m map[int]bool; m[1] = true }   // want `(?s)nil panic: m may be nil.*assignment to entry in nil map`
func NeverAssigned6() { var f func(int); f(1) }              // want `(?s)nil panic: f may be nil.*nil function called`
func NeverAssigned7() string { var e error; return e.Error() } // want `(?s)nil panic: e may be nil.*method Error called on it`
func NeverAssigned8() { var c chan struct{}; close(c) }      // want `(?s)nil panic: c may be nil.*close of nil channel`
func NeverAssigned9() int { var a *[3]int; return a[2] }     // want `(?s)nil panic: a may be nil.*index of nil pointer to array`
func NeverAssigned10() int { var a *[3]int; return len(a) }  // ok: len of a pointer to array is constant

func LiteralNil1() int { p := (*Point)(nil); return p.X } // ok: (*T)(nil) is written on purpose
func LiteralNil2() int {
	var p *Point = nil
	return p.X // want `(?s)nil panic: p may be nil.*literal nil.*assigned to p`
}
func LiteralNil3() int {
	p, q := &Point{}, (*Point)(nil)
	_ = q
	return p.X // ok
}

func CheckedThenUsed1(p *Point) int {
	if p == nil {
		println("nil point")
	}
	return p.X // want `(?s)nil panic: p may be nil.*p is compared with nil`
}

func CheckedThenUsed2(p *Point) int {
	if p != nil {
		println("have point")
	}
	return p.Y // want `(?s)nil panic: p may be nil`
}

func CheckedThenUsed3(p *Point) int {
	if p == nil {
		return 0
	}
	return p.Y // ok
}

func CheckedThenUsed4(b *Box) int {
	if b.Parent == nil {
		return b.Parent.Width() // want `(?s)nil panic: b.Parent may be nil.*method Width called on it`
	}
	return b.Parent.Width() // ok
}

func CheckedThenUsed5(b *Box) {
	if b.OnOpen == nil {
		b.OnOpen() // want `(?s)nil panic: b.OnOpen may be nil.*nil function called`
	}
}

func CheckedThenUsed6(b *Box) {
	if b.Tags == nil {
		b.Tags["k"] = "v" // want `(?s)nil panic: b.Tags may be nil.*assignment to entry in nil map`
	}
}

func CheckedThenUsed7(b *Box) {
	if b.Tags == nil {
		b.Tags = map[string]string{}
	}
	b.Tags["k"] = "v" // ok
}

func CheckedThenUsed8(r io.Reader) (int, error) {
	if r == nil {
		return r.Read(nil) // want `(?s)nil panic: r may be nil.*method Read called on it`
	}
	return r.Read(nil) // ok
}

func ErrorBranch1(s string) int {
	n, err := strconv.Atoi(s)
	if err != nil {
		return len(err.Error()) // ok
	}
	return n
}

func ErrorBranch2() string {
	var err error
	if err == nil {
		return err.Error() // want `(?s)nil panic: err may be nil`
	}
	return ""
}

func ErrorUnwrap1(err error) string {
	return errors.Unwrap(err).Error() // want `(?s)nil panic: errors.Unwrap\(…\) may be nil`
}

func ErrorUnwrap2(err error) string {
	u := errors.Unwrap(err)
	if u == nil {
		return ""
	}
	return u.Error() // ok
}
